package org.cipnet.node;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node in a child JVM dies in the middle of writing a large publication (fault injection halts
 * it after N triples, inside the write transaction): the store reopens with the old graph.
 */
class NodeCrashTest {
    @TempDir
    Path dir;

    @Test
    void killedMidPublicationLeavesTheOldGraph() throws Exception {
        Path data = Checkout.files().data().resolve("no");
        Graph original = GraphFactory.createDefaultGraph();
        for (Path f : RdfFiles.collect(List.of(data))) RdfFiles.read(f, original);
        Path users = dir.resolve("users");
        Files.writeString(users, Users.entry("agency", "correct horse battery".toCharArray()) + "\n");
        Path store = dir.resolve("tdb");
        int port = NationalNode.freePort();

        // First run: load the data normally, then stop.
        try (NationalNode first = NationalNode.start(NodeConfig.of("no", store, port).withData(data), Checkout.validator())) {
            assertTrue(first.store().current().isIsomorphicWith(original));
        }

        Graph big = GraphFactory.createDefaultGraph();
        original.find().forEachRemaining(big::add);
        Node co = big.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).next().getSubject();
        for (int i = 0; i < 20_000; i++)
            big.add(Triple.create(co, SKOS.hiddenLabel.asNode(), NodeFactory.createLiteralString("term " + i)));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RDFDataMgr.write(body, big, Lang.NTRIPLES);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dcipnet.home=" + Checkout.files().home(), "-Dcipnet.crash-after-triples=10000",
                "org.cipnet.cli.Main", "node", "--country", "no", "--store", store.toString(), "--port", Integer.toString(port),
                "--users", users.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            String ping = "http://localhost:" + port + "/$/ping";
            // Generous deadlines: on a loaded machine a child JVM takes a while to load the shapes and start.
            long deadline = System.currentTimeMillis() + 180_000;
            boolean up = false;
            while (!up && System.currentTimeMillis() < deadline) {
                try {
                    up = Http.get(ping).statusCode() == 200;
                } catch (RuntimeException notYet) {
                    Thread.sleep(200);
                }
            }
            assertTrue(up, "the child node came up: " + Files.readString(dir.resolve("child.log")));
            try {
                Http.post("http://localhost:" + port + "/no/publish", "application/n-triples", body.toString(StandardCharsets.UTF_8),
                        "Authorization", Http.basic("agency", "correct horse battery"));
            } catch (RuntimeException connectionDropped) {
                // expected: the child halts while writing
            }
            assertTrue(child.waitFor(180, TimeUnit.SECONDS), "child halted: " + Files.readString(dir.resolve("child.log")));
            assertEquals(137, child.exitValue(), Files.readString(dir.resolve("child.log")));
        } finally {
            child.destroyForcibly();
        }

        try (NationalStore reopened = NationalStore.open("no", store, 20)) {
            assertTrue(reopened.current().isIsomorphicWith(original), "the old graph, whole");
            assertEquals(1, reopened.versions().size(), "no half-recorded version");
        }
    }
}
