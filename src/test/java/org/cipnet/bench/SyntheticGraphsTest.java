package org.cipnet.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.cipnet.testing.Checkout;
import org.cipnet.validation.ReportWriter;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGraphsTest {
    @TempDir
    Path dir;

    @Test
    void generatedGraphsConformAndStayInTheirSpaces() throws Exception {
        var files = SyntheticGraphs.write(new SyntheticGraphs.Params(3, 20, 7, 0.3), dir);
        assertEquals(3, files.size());
        for (int i = 0; i < files.size(); i++) {
            var outcome = Checkout.validator().validateFiles(List.of(files.get(i)));
            assertTrue(outcome.passes(), () -> ReportWriter.text(outcome));
            String space = SyntheticGraphs.space(i);
            Graph g = org.cipnet.rdf.RdfFiles.read(files.get(i));
            g.find().forEachRemaining(t -> assertTrue(!t.getSubject().isURI() || t.getSubject().getURI().startsWith(space), t.toString()));
            assertEquals(20, g.find(Node.ANY, org.apache.jena.vocabulary.RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).toList().size());
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
        var a = SyntheticGraphs.write(new SyntheticGraphs.Params(2, 10, 42, 0.2), dir.resolve("a"));
        var b = SyntheticGraphs.write(new SyntheticGraphs.Params(2, 10, 42, 0.2), dir.resolve("b"));
        var c = SyntheticGraphs.write(new SyntheticGraphs.Params(2, 10, 43, 0.2), dir.resolve("c"));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)));
            assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.get(i)), Files.readAllBytes(c.get(i))));
        }
    }

    @Test
    void theCrossRatioControlsLinksToOtherMembers() {
        Node with = NodeFactory.createURI(CIP.NS + "collaboratesWith");
        for (double ratio : new double[] {0.0, 1.0}) {
            Graph g = SyntheticGraphs.member(new SyntheticGraphs.Params(4, 50, 3, ratio), 0);
            long crossing = g.find(Node.ANY, with, Node.ANY).toList().stream()
                    .filter(t -> !t.getObject().getURI().startsWith(SyntheticGraphs.space(0))).count();
            assertEquals(ratio == 0.0 ? 0 : 50, crossing, "ratio " + ratio);
        }
    }
}
