package org.cipnet.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.testing.Checkout;
import org.cipnet.validation.ReportWriter;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shipped graphs: each conforms to the shapes on its own (no Violation), keeps to its URI
 * space, sources every organisation, participation, award and observation, and has at least the
 * number of real cluster organisations the network asked for.
 */
class DataGraphsTest {
    static final Map<String, Integer> MINIMUM_ORGANISATIONS = Map.ofEntries(Map.entry("no", 8), Map.entry("se", 8), Map.entry("dk", 8),
            Map.entry("fi", 8), Map.entry("ee", 8), Map.entry("lv", 8), Map.entry("lt", 8), Map.entry("pl", 8), Map.entry("ru", 5),
            Map.entry("cz", 5), Map.entry("is", 3), Map.entry("net", 0));

    static List<Path> graphs() throws Exception {
        try (Stream<Path> s = Files.list(Checkout.files().data())) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    static Graph read(Path dir) throws Exception {
        Graph g = GraphFactory.createDefaultGraph();
        for (Path f : RdfFiles.collect(List.of(dir))) RdfFiles.read(f, g);
        return g;
    }

    @TestFactory
    Stream<DynamicTest> everyGraph() throws Exception {
        List<Path> dirs = graphs();
        assertEquals(new java.util.TreeSet<>(MINIMUM_ORGANISATIONS.keySet()),
                new java.util.TreeSet<>(dirs.stream().map(d -> d.getFileName().toString()).toList()), "one graph per member and the network graph");
        return dirs.stream().flatMap(dir -> {
            String cc = dir.getFileName().toString();
            return Stream.of(
                    DynamicTest.dynamicTest(cc + " conforms", () -> {
                        var outcome = Checkout.validator().validateFiles(RdfFiles.collect(List.of(dir)));
                        assertTrue(outcome.passes(), () -> ReportWriter.text(outcome));
                    }),
                    DynamicTest.dynamicTest(cc + " keeps to its URI space", () -> {
                        Graph g = read(dir);
                        List<String> foreign = new ArrayList<>();
                        g.find().forEachRemaining(t -> {
                            if (t.getSubject().isURI() && !t.getSubject().getURI().startsWith(CIP.uriSpace(cc))) foreign.add(t.getSubject().getURI());
                        });
                        assertTrue(foreign.isEmpty(), "subjects outside " + CIP.uriSpace(cc) + ": " + foreign.stream().distinct().toList());
                    }),
                    DynamicTest.dynamicTest(cc + " sources its facts", () -> {
                        Graph g = read(dir);
                        Node derived = NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom");
                        List<String> unsourced = new ArrayList<>();
                        for (String type : new String[] {CIP.ClusterOrganisation, CIP.ProgrammeParticipation, CIP.LabelAward, CIP.Observation, CIP.NS + "Collaboration"})
                            g.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(type)).forEachRemaining(t -> {
                                if (!g.contains(t.getSubject(), derived, Node.ANY)) unsourced.add(t.getSubject().toString());
                            });
                        assertTrue(unsourced.isEmpty(), "without prov:wasDerivedFrom: " + unsourced);
                    }),
                    DynamicTest.dynamicTest(cc + " has its minimum of real cluster organisations", () -> {
                        Graph g = read(dir);
                        int n = g.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).toList().size();
                        assertTrue(n >= MINIMUM_ORGANISATIONS.getOrDefault(cc, 0), cc + " has " + n + " cluster organisations");
                    }));
        });
    }
}
