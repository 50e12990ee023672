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
    static final long PUBLISH_LIMIT = 1 << 20, QUERY_LIMIT = 64 << 10;

    @BeforeEach
    void start() throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, Users.entry("agency", "correct horse battery".toCharArray()) + "\n");
        Path data = Checkout.files().data().resolve("no");
        original = GraphFactory.createDefaultGraph();
        for (Path f : RdfFiles.collect(List.of(data))) RdfFiles.read(f, original);
        node = NationalNode.start(NodeConfig.of("no", dir.resolve("tdb"), 0).withData(data).withUsers(users)
                .withBodyLimits(PUBLISH_LIMIT, QUERY_LIMIT), Checkout.validator());
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
    void failedLoginsAreSlowedDownPerUser() throws Exception {
        String nt = new String(ntriples(original), StandardCharsets.UTF_8);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++)
            assertEquals(401, Http.post(publish, "application/n-triples", nt, "Authorization", Http.basic("agency", "guess " + i)).statusCode());
        var right = Http.post(publish, "application/n-triples", nt, "Authorization", auth);
        assertEquals(429, right.statusCode(), "the right password, too, waits out the back-off: " + right.body());
        long retry = Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry >= 1 && retry <= 2, "the first back-off is a second: " + retry);
        assertEquals(1, node.store().versions().size());
        Thread.sleep(retry * 1000 + 200);
        var later = Http.post(publish, "application/n-triples", nt, "Authorization", auth);
        assertEquals(200, later.statusCode(), later.body());
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
        // What cipnet publish asks for: words, although Jena would read text/plain as N-Triples.
        var text = Http.post(publish, "text/turtle", turtle(bad), "Authorization", auth, "Accept", "text/plain");
        assertEquals(422, text.statusCode());
        assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), text.headers().map().toString());
        assertTrue(text.body().startsWith("publication rejected, nothing was changed"), text.body());
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
    void illTypedLiteralsAreRefusedWithTheirLine() {
        String body = turtle(original) + "\n<https://w3id.org/cipnet/no/agency/x> <https://w3id.org/cipnet/ontology#memberCount> \"abc\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n";
        long line = body.lines().count();
        var r = Http.post(publish, "text/turtle", body, "Authorization", auth, "Accept", "application/json");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"line\" : " + line) && r.body().contains("abc"), r.body());
        assertEquals(1, node.store().versions().size());
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
    void syntaxErrorInTheInitialDataNamesFileAndLineAndLeavesTheNewStoreEmpty() throws Exception {
        // A new store's --data is read on a thread of its own while the store is created: its error must still reach the caller.
        Path data = dir.resolve("broken");
        Files.createDirectories(data);
        Files.writeString(data.resolve("broken.ttl"), "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b ex:c ex:d .\n");
        Path store = dir.resolve("tdb-broken");
        var e = assertThrows(org.cipnet.rdf.RdfInputException.class,
                () -> NationalNode.start(NodeConfig.of("no", store, 0).withData(data), Checkout.validator()).close());
        assertTrue(e.getMessage().contains("broken.ttl"), e.getMessage());
        assertEquals(3, assertInstanceOf(org.cipnet.rdf.RdfSyntaxException.class, e, e.getMessage()).line(), e.getMessage());
        try (NationalStore reopened = NationalStore.open("no", store, 5)) {
            assertTrue(reopened.isEmpty());
            assertEquals(0, reopened.versions().size());
        }
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
        String s = "<" + co.getURI() + ">", p = "<" + SKOS.altLabel.getURI() + ">", snapshot = "<" + GraphNames.undoRemoved("no", 3).getURI() + ">";
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

    /** The original graph and {@code n} more search terms on one cluster organisation. */
    Graph withHiddenLabels(int n) {
        Graph big = copyOf(original);
        Node co = big.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).next().getSubject();
        for (int i = 0; i < n; i++)
            big.add(Triple.create(co, SKOS.hiddenLabel.asNode(), NodeFactory.createLiteralString("search term " + i)));
        return big;
    }

    static byte[] ntriples(Graph g) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, Lang.NTRIPLES);
        return out.toByteArray();
    }

    /** Sends a request head and part of a body on a raw socket, then closes the sending side as a dying client would; returns what the node answered. */
    String rawUpload(String head, byte[] part) throws Exception {
        try (var socket = new java.net.Socket("localhost", node.port())) {
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aTruncatedUploadIsNeverPublished() throws Exception {
        byte[] nt = ntriples(withHiddenLabels(2000));
        int cut = nt.length / 3;
        while (nt[cut - 1] != '\n') cut++;
        byte[] part = java.util.Arrays.copyOf(nt, cut);
        String head = "POST /no/publish HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + auth + "\r\nContent-Type: application/n-triples\r\n";
        // Content-Length promises the whole body; the client dies after a complete line.
        String byLength = rawUpload(head + "Content-Length: " + nt.length + "\r\n\r\n", part);
        // Chunked: whole chunks of complete lines, but the last (zero-length) chunk never comes.
        var chunk = new ByteArrayOutputStream();
        chunk.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunk.write(part);
        chunk.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        String byChunks = rawUpload(head + "Transfer-Encoding: chunked\r\n\r\n", chunk.toByteArray());
        for (String answer : List.of(byLength, byChunks))
            assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
        assertEquals(1, node.store().versions().size(), "nothing was published: " + byLength + "\n" + byChunks);
        assertTrue(node.store().current().isIsomorphicWith(original));
        assertEquals(200, Http.post(publish, "application/n-triples", new String(nt, StandardCharsets.UTF_8), "Authorization", auth).statusCode(),
                "the same body sent whole is published");
    }

    @Test
    void anEmptyPublicationIsRefusedUnlessAskedFor() {
        for (String[] empty : new String[][] {{"text/turtle", ""}, {"text/turtle", "# nothing but a comment\n"},
                {"application/ld+json", "{}"}, {"application/rdf+xml", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>"}}) {
            var r = Http.post(publish, empty[0], empty[1], "Authorization", auth);
            assertEquals(422, r.statusCode(), empty[0] + " '" + empty[1] + "': " + r.body());
            assertTrue(r.body().contains("no triples") && r.body().contains("allowEmpty=true"), r.body());
        }
        assertEquals(1, node.store().versions().size());
        assertTrue(node.store().current().isIsomorphicWith(original));
        var asked = Http.post(publish + "?allowEmpty=true", "text/turtle", "", "Authorization", auth);
        assertEquals(200, asked.statusCode(), asked.body());
        assertTrue(node.store().current().isEmpty(), "asked for explicitly, an empty publication empties the graph");
    }

    @Test
    void bodiesAreLimitedBeforeTheyAreHeldAndAfterDecompression() {
        String padding = "#" + "x".repeat((int) PUBLISH_LIMIT) + "\n";
        var large = Http.post(publish, "text/turtle", padding + turtle(original), "Authorization", auth);
        assertEquals(413, large.statusCode(), large.body());
        assertTrue(large.body().contains(Long.toString(PUBLISH_LIMIT)), large.body());
        var zipped = Http.postBytes(publish, Http.gzip((padding + turtle(original)).getBytes(StandardCharsets.UTF_8)),
                "Content-Type", "text/turtle", "Content-Encoding", "gzip", "Authorization", auth);
        assertEquals(413, zipped.statusCode(), zipped.body());
        assertTrue(zipped.body().contains("decompressed"), zipped.body());
        assertEquals(1, node.store().versions().size());
        var smallZipped = Http.postBytes(publish, Http.gzip(turtle(original).getBytes(StandardCharsets.UTF_8)),
                "Content-Type", "text/turtle", "Content-Encoding", "gzip", "Authorization", auth);
        assertEquals(200, smallZipped.statusCode(), smallZipped.body());

        // A small gzip query body that expands far beyond the query limit.
        byte[] bomb = Http.gzip(("SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + " ".repeat(20 << 20)).getBytes(StandardCharsets.UTF_8));
        var q = Http.postBytes(node.sparqlUrl(), bomb, "Content-Type", "application/sparql-query", "Content-Encoding", "gzip",
                "Accept", "application/sparql-results+json");
        assertEquals(413, q.statusCode(), q.body());
        var form = Http.post(node.sparqlUrl(), "application/x-www-form-urlencoded",
                "query=" + java.net.URLEncoder.encode("SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "x".repeat((int) QUERY_LIMIT), StandardCharsets.UTF_8));
        assertEquals(413, form.statusCode(), form.body());
        var plain = Http.postBytes(node.sparqlUrl(), Http.gzip("ASK { ?s ?p ?o }".getBytes(StandardCharsets.UTF_8)),
                "Content-Type", "application/sparql-query", "Content-Encoding", "gzip", "Accept", "application/sparql-results+json");
        assertEquals(200, plain.statusCode(), plain.body());
    }

    @Test
    void jsonLdContextsAreNeverFetched() throws Exception {
        java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
        var trap = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        trap.createContext("/", ex -> {
            hits.incrementAndGet();
            byte[] ctx = "{\"@context\": {\"alt\": \"http://www.w3.org/2004/02/skos/core#altLabel\"}}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/ld+json");
            ex.sendResponseHeaders(200, ctx.length);
            ex.getResponseBody().write(ctx);
            ex.close();
        });
        trap.start();
        try {
            String url = "http://127.0.0.1:" + trap.getAddress().getPort() + "/context.jsonld";
            Node co = original.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).next().getSubject();
            for (String ctx : new String[] {"\"" + url + "\"", "{\"@import\": \"" + url + "\"}", "[\"" + url + "\", {\"x\": \"urn:x#\"}]"}) {
                String doc = "{\"@context\": " + ctx + ", \"@id\": \"" + co.getURI() + "\", \"alt\": \"Alias\"}";
                var r = Http.post(publish, "application/ld+json", doc, "Authorization", auth);
                assertEquals(400, r.statusCode(), doc + ": " + r.body());
                assertTrue(r.body().contains(url), r.body());
            }
            assertEquals(0, hits.get(), "no request left the node");
        } finally {
            trap.stop(0);
        }
        assertEquals(1, node.store().versions().size());
    }

    @Test
    void crossSitePublishingIsRefused() {
        String nt = new String(ntriples(original), StandardCharsets.UTF_8);
        var plain = Http.post(publish, "text/plain", nt, "Authorization", auth);
        assertEquals(415, plain.statusCode(), plain.body());
        var foreign = Http.post(publish, "application/n-triples", nt, "Authorization", auth, "Origin", "https://attacker.example");
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("https://attacker.example"), foreign.body());
        var nullOrigin = Http.post(publish, "application/n-triples", nt, "Authorization", auth, "Origin", "null");
        assertEquals(403, nullOrigin.statusCode(), nullOrigin.body());
        var rollback = Http.post(node.baseUrl() + "no/rollback?version=1", null, "", "Authorization", auth, "Origin", "https://attacker.example");
        assertEquals(403, rollback.statusCode(), rollback.body());
        assertEquals(1, node.store().versions().size());
        for (String op : new String[] {"publish", "rollback?version=1"}) {
            var preflight = Http.method("OPTIONS", node.baseUrl() + "no/" + op, "Origin", "https://attacker.example",
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), op + ": " + preflight.headers().map());
            var post = Http.post(node.baseUrl() + "no/" + op, "application/n-triples", nt, "Origin", "https://attacker.example");
            assertTrue(post.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), op + ": " + post.headers().map());
        }
        String self = node.baseUrl().substring(0, node.baseUrl().length() - 1);
        var sameOrigin = Http.post(publish, "application/n-triples", nt, "Authorization", auth, "Origin", self);
        assertEquals(200, sameOrigin.statusCode(), sameOrigin.body());
    }

    @Test
    void queriesDuringPublicationSeeTheOldGraphOrTheNewOneNeverAMix() throws Exception {
        Graph big = withHiddenLabels(3000);
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
