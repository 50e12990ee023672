package org.cipnet.node;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publish gate over HTTP: authentication, rejection without change, versions, rollback, isolation. */
class NodePublishTest {
    @TempDir
    Path dir;

    NationalNode node;
    String publish;
    Graph original;
    final String auth = Http.basic("agency", "correct horse battery");

    @BeforeEach
    void start() throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, Users.entry("agency", "correct horse battery".toCharArray()) + "\n");
        Path data = Checkout.files().data().resolve("no");
        original = GraphFactory.createDefaultGraph();
        for (Path f : RdfFiles.collect(List.of(data))) RdfFiles.read(f, original);
        node = NationalNode.start(NodeConfig.of("no", dir.resolve("tdb"), 0).withData(data).withUsers(users), Checkout.validator());
        publish = node.baseUrl() + "no/publish";
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static String turtle(Graph g) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, Lang.TURTLE);
        return out.toString(StandardCharsets.UTF_8);
    }

    Graph copyOf(Graph g) {
        Graph c = GraphFactory.createDefaultGraph();
        g.find().forEachRemaining(c::add);
        return c;
    }

    @Test
    void anonymousAndWrongPasswordAre401() {
        var anon = Http.post(publish, "text/turtle", turtle(original));
        assertEquals(401, anon.statusCode());
        assertTrue(anon.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        var wrong = Http.post(publish, "text/turtle", turtle(original), "Authorization", Http.basic("agency", "wrong"));
        assertEquals(401, wrong.statusCode());
        assertEquals(1, node.store().versions().size());
    }

    @Test
    void invalidDataIs422NamingTheFocusNodeAndChangesNothing() {
        Graph bad = copyOf(original);
        Node co = bad.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).next().getSubject();
        bad.find(co, NodeFactory.createURI(CIP.country), Node.ANY).toList().forEach(bad::delete);
        var r = Http.post(publish, "text/turtle", turtle(bad), "Authorization", auth);
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains(co.getURI()), r.body());
        assertTrue(r.body().contains("cip:country"), r.body());
        var json = Http.post(publish, "text/turtle", turtle(bad), "Authorization", auth, "Accept", "application/json");
        assertEquals(422, json.statusCode());
        assertTrue(json.body().contains("\"focusNode\" : \"" + co.getURI() + "\""), json.body());
        var rdf = Http.post(publish, "text/turtle", turtle(bad), "Authorization", auth, "Accept", "text/turtle");
        assertEquals(422, rdf.statusCode());
        assertTrue(rdf.body().contains("ValidationReport"), rdf.body());
        assertTrue(node.store().current().isIsomorphicWith(original), "graph unchanged");
        assertEquals(1, node.store().versions().size());
    }

    @Test
    void foreignSubjectIs422() {
        Graph bad = copyOf(original);
        bad.add(NodeFactory.createURI("https://w3id.org/cipnet/se/cluster-organisation/sneaky"), SKOS.prefLabel.asNode(),
                NodeFactory.createLiteralLang("Sneaky", "en"));
        var r = Http.post(publish, "text/turtle", turtle(bad), "Authorization", auth);
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("https://w3id.org/cipnet/se/cluster-organisation/sneaky"), r.body());
        var rdf = Http.post(publish, "text/turtle", turtle(bad), "Authorization", auth, "Accept", "text/turtle");
        assertEquals(422, rdf.statusCode());
        assertTrue(rdf.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"), rdf.headers().toString());
        Graph report = GraphFactory.createDefaultGraph();
        RDFParser.fromString(rdf.body(), Lang.TURTLE).parse(report);
        Node sh = NodeFactory.createURI("http://www.w3.org/ns/shacl#focusNode");
        assertTrue(report.contains(Node.ANY, sh, NodeFactory.createURI("https://w3id.org/cipnet/se/cluster-organisation/sneaky")), rdf.body());
        assertTrue(node.store().current().isIsomorphicWith(original));
    }

    @Test
    void syntaxErrorIs400WithLineAndColumn() {
        var r = Http.post(publish, "text/turtle", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b ex:c ex:d .\n",
                "Authorization", auth, "Accept", "application/json");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"line\" : 3"), r.body());
        assertTrue(r.body().matches("(?s).*\"column\" : [1-9].*"), r.body());
    }

    @Test
    void validPublicationBecomesAVersionAndRollbackRestoresTheGraph() {
        Graph next = copyOf(original);
        Node co = next.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).next().getSubject();
        Triple extra = Triple.create(co, SKOS.altLabel.asNode(), NodeFactory.createLiteralLang("Test alias", "en"));
        next.add(extra);
        Triple dropped = next.find(co, SKOS.prefLabel.asNode(), Node.ANY).toList().stream()
                .filter(t -> !t.getObject().getLiteralLanguage().equals("en")).findFirst().orElse(null);
        if (dropped != null) next.delete(dropped);
        var r = Http.post(publish, "text/turtle", turtle(next), "Authorization", auth, "Accept", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"version\" : 2"), r.body());
        Version v2 = node.store().versions().get(1);
        assertEquals(next.size(), v2.triples());
        assertEquals("agency", v2.publisher());
        // Blank nodes get new labels in every parse; unchanged ones must not count as changes.
        assertTrue(original.find().toList().stream().anyMatch(t -> t.getSubject().isBlank() || t.getObject().isBlank()),
                "the Norwegian graph has blank nodes (intervals), so this checks that they are not miscounted");
        assertEquals(1, v2.added());
        assertEquals(dropped == null ? 0 : 1, v2.removed());
        assertTrue(node.store().current().isIsomorphicWith(next));

        var versions = Http.get(node.baseUrl() + "no/versions", "Accept", "application/json");
        assertTrue(versions.body().contains("\"version\" : 2"), versions.body());

        var rb = Http.post(node.baseUrl() + "no/rollback?version=1", null, "", "Authorization", auth);
        assertEquals(200, rb.statusCode(), rb.body());
        assertTrue(node.store().current().isIsomorphicWith(original), "rollback restores the exact previous graph");
        assertEquals(3, node.store().versions().size());
        assertEquals("rollback to 1", node.store().versions().get(2).note());
        assertEquals(401, Http.post(node.baseUrl() + "no/rollback?version=2", null, "").statusCode());
    }

    @Test
    void noQueryFormReadsTheHiddenSnapshotsOrTheVersionLog() {
        Graph next = copyOf(original);
        Node co = next.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).next().getSubject();
        String label = "Withdrawn alias";
        next.add(Triple.create(co, SKOS.altLabel.asNode(), NodeFactory.createLiteralLang(label, "en")));
        assertEquals(200, Http.post(publish, "text/turtle", turtle(next), "Authorization", auth).statusCode());
        assertEquals(200, Http.post(publish, "text/turtle", turtle(original), "Authorization", auth).statusCode());
        assertTrue(node.store().kept(2), "version 2, with the withdrawn alias, is kept for rollback");
        String s = "<" + co.getURI() + ">", p = "<" + SKOS.altLabel.getURI() + ">", snapshot = "<" + GraphNames.snapshot("no", 2).getURI() + ">";
        String log = "<" + GraphNames.version("no", 1).getURI() + ">";
        List<String> leaks = new ArrayList<>();
        for (String q : new String[] {
                "DESCRIBE " + s,
                "DESCRIBE ?x WHERE { ?x " + p + " ?l }",
                "DESCRIBE " + log,
                "CONSTRUCT WHERE { GRAPH ?g { " + s + " " + p + " ?o } }",
                "SELECT * WHERE { GRAPH ?g { " + s + " " + p + "* ?o } }",
                "SELECT * WHERE { GRAPH " + snapshot + " { " + s + " " + p + "? ?o } }",
                "SELECT * WHERE { GRAPH ?g { " + s + " (" + p + "|^" + p + ")+ ?o } }",
                "SELECT * WHERE { GRAPH ?g { " + log + " ?p ?o } }",
                "SELECT * WHERE { GRAPH ?g { ?v ?p ?o } FILTER(STRSTARTS(STR(?v), \"" + GraphNames.version("no", 1).getURI() + "\")) }",
                "SELECT ?g WHERE { GRAPH ?g { } }",
                "SELECT * WHERE { ?x ?y ?z FILTER EXISTS { GRAPH ?g { " + s + " " + p + "* ?o } } } LIMIT 1"}) {
            var r = Http.query(node.sparqlUrl(), q, q.startsWith("SELECT") ? "application/sparql-results+json" : "application/n-triples");
            if (r.statusCode() != 200 || r.body().contains(label) || r.body().contains("/graph/version") || r.body().contains(CIP.versionNumber))
                leaks.add(q + " -> " + r.statusCode() + "\n" + r.body());
        }
        assertEquals(List.of(), leaks, "every query answers 200 without the withdrawn alias, a hidden graph's name or the version log");
    }

    @Test
    void queriesDuringPublicationSeeTheOldGraphOrTheNewOneNeverAMix() throws Exception {
        Graph big = copyOf(original);
        Node co = big.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).next().getSubject();
        for (int i = 0; i < 3000; i++)
            big.add(Triple.create(co, SKOS.hiddenLabel.asNode(), NodeFactory.createLiteralString("search term " + i)));
        String body = turtle(big);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> readers = new ArrayList<>();
        String q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                while (!done.get()) {
                    var r = Http.query(node.sparqlUrl(), q, "text/csv");
                    seen.add(r.body().strip().split("\r?\n")[1]);
                }
            });
            t.start();
            readers.add(t);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Http.post(publish, "text/turtle", body, "Authorization", auth).statusCode());
            assertEquals(200, Http.post(publish, "text/turtle", turtle(original), "Authorization", auth).statusCode());
        }
        done.set(true);
        for (Thread t : readers) t.join();
        assertTrue(Set.of(Long.toString(original.size()), Long.toString(big.size())).containsAll(seen), "seen counts " + seen);
    }
}
