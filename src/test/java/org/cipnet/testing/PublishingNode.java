package org.cipnet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.node.NationalNode;
import org.cipnet.node.NodeConfig;
import org.cipnet.node.Users;
import org.cipnet.rdf.RdfFiles;

/** A real node loaded with a shipped graph, with a publisher who can change it over HTTP. */
public record PublishingNode(NationalNode node, Graph original) implements AutoCloseable {
    private static final String USER = "agency", PASSWORD = "correct horse battery";

    public static PublishingNode start(Path dir, String cc) throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, Users.entry(USER, PASSWORD.toCharArray()) + "\n");
        Path data = Checkout.files().data().resolve(cc);
        Graph original = GraphFactory.createDefaultGraph();
        for (Path f : RdfFiles.collect(List.of(data))) RdfFiles.read(f, original);
        return new PublishingNode(NationalNode.start(NodeConfig.of(cc, dir.resolve("tdb"), 0).withData(data).withUsers(users),
                Checkout.validator()), original);
    }

    /** Publishes the original graph plus one label on the dataset's publisher; returns the published graph. */
    public Graph publishOneMoreTriple() {
        Graph changed = GraphFactory.createDefaultGraph();
        original.find().forEachRemaining(changed::add);
        Node agency = original.find(Node.ANY, DCTerms.publisher.asNode(), Node.ANY).next().getObject();
        changed.add(Triple.create(agency, SKOS.altLabel.asNode(), NodeFactory.createLiteralLang("test label added by a publication", "en")));
        assertEquals(original.size() + 1, changed.size());
        return publish(changed);
    }

    /** Publishes the original graph without the triples of this predicate (it must have some); returns the published graph. */
    public Graph publishWithout(Node predicate) {
        Graph without = GraphFactory.createDefaultGraph();
        original.find().forEachRemaining(t -> { if (!t.getPredicate().equals(predicate)) without.add(t); });
        assertTrue(without.size() < original.size(), "the shipped graph has " + predicate);
        return publish(without);
    }

    /** Publishes this graph as the node's new version, as its agency would; returns it. */
    public Graph publish(Graph g) {
        var out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, Lang.TURTLE);
        var r = Http.post(node.baseUrl() + node.country() + "/publish", "text/turtle", out.toString(StandardCharsets.UTF_8),
                "Authorization", Http.basic(USER, PASSWORD));
        assertEquals(200, r.statusCode(), r.body());
        return g;
    }

    @Override
    public void close() {
        node.close();
    }
}
