package org.cipnet.node;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** The read-only query endpoint of a real node over a real TDB2 store, loaded with data/no. */
class NodeQueryTest {
    @TempDir
    static Path dir;

    static NationalNode node;
    static String sparql;

    @BeforeAll
    static void start() throws Exception {
        var config = NodeConfig.of("no", dir.resolve("tdb"), 0).withData(Checkout.files().data().resolve("no")).withLimits(1500, 50);
        node = NationalNode.start(config, Checkout.validator());
        sparql = node.sparqlUrl();
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    @Test
    void selectInEveryResultFormat() {
        String q = "SELECT ?s ?p WHERE { ?s a ?p } LIMIT 5";
        for (String[] f : new String[][] {{"application/sparql-results+json", "\"bindings\""},
                {"application/sparql-results+xml", "<sparql"}, {"text/csv", "s,p"}, {"text/tab-separated-values", "?s\t?p"}}) {
            var r = Http.query(sparql, q, f[0]);
            assertEquals(200, r.statusCode(), f[0] + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(f[0]), f[0]);
            assertTrue(r.body().contains(f[1]), f[0] + ": " + r.body());
        }
        var json = Http.query(sparql, q, "application/sparql-results+json");
        var rs = ResultSetFactory.fromJSON(new java.io.ByteArrayInputStream(json.body().getBytes()));
        int n = 0;
        while (rs.hasNext()) { rs.next(); n++; }
        assertEquals(5, n);
        var ask = Http.query(sparql, "ASK { ?s a <https://w3id.org/cipnet/ontology#ClusterOrganisation> }", "application/sparql-results+json");
        assertTrue(ask.body().contains("true"), ask.body());
    }

    @Test
    void constructAndDescribeInEveryRdfFormat() {
        String q = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 10";
        for (String[] f : new String[][] {{"text/turtle", "TTL"}, {"application/ld+json", "JSONLD"},
                {"application/n-triples", "NT"}, {"application/rdf+xml", "RDF/XML"}}) {
            var r = Http.query(sparql, q, f[0]);
            assertEquals(200, r.statusCode(), f[0]);
            Model m = ModelFactory.createDefaultModel();
            m.read(new StringReader(r.body()), "http://base/", f[1]);
            assertEquals(10, m.size(), f[0]);
        }
        var d = Http.query(sparql, "DESCRIBE <https://w3id.org/cipnet/no/dataset>", "text/turtle");
        assertEquals(200, d.statusCode());
        assertTrue(d.body().contains("uriSpace"), d.body());
    }

    @Test
    void resultCapIsAppliedAndStated() {
        var r = Http.query(sparql, "SELECT * WHERE { ?s ?p ?o }", "text/csv");
        assertEquals(200, r.statusCode());
        assertEquals("50", r.headers().firstValue("X-Cipnet-Result-Cap").orElse(""));
        assertEquals(51, r.body().strip().split("\r?\n").length, "header + 50 rows");
    }

    @Test
    void theResultCapCountsTriplesForConstructAndDescribe() {
        for (String q : new String[] {"CONSTRUCT { ?s ?p ?o . ?s <urn:x:copy> ?o } WHERE { ?s ?p ?o }",
                "DESCRIBE ?s WHERE { ?s a <https://w3id.org/cipnet/ontology#ClusterOrganisation> }"}) {
            var r = Http.query(sparql, q, "application/n-triples");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(50, r.body().lines().filter(l -> !l.isBlank()).count(), q + ": the cap of 50 counts triples, not solutions");
        }
    }

    @Test
    void nothingIsAnsweredBeforeTheDataIsLoaded(@TempDir Path other) throws Exception {
        int port = NationalNode.freePort();
        var config = NodeConfig.of("no", other.resolve("tdb"), port).withData(Checkout.files().data().resolve("no"));
        var started = new java.util.concurrent.CompletableFuture<NationalNode>();
        Thread starter = new Thread(() -> {
            try {
                started.complete(NationalNode.start(config, Checkout.validator()));
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        });
        starter.start();
        java.util.Set<String> counts = new java.util.TreeSet<>();
        String url = "http://localhost:" + port + "/no/sparql";
        while (!started.isDone()) {
            try {
                var r = Http.query(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv");
                counts.add(r.statusCode() + " " + r.body().lines().skip(1).findFirst().orElse("").strip());
            } catch (RuntimeException notListening) {
                Thread.sleep(5);
            }
        }
        try (NationalNode n = started.get()) {
            long size = n.store().current().size();
            assertTrue(counts.stream().allMatch(c -> c.equals("200 " + size) || c.startsWith("503")),
                    "answers while starting: " + counts + " (the loaded graph has " + size + " triples)");
        }
    }

    @Test
    void aCatastrophicRegexStopsAtTheTimeout() throws Exception {
        String text = "a".repeat(40) + "b";
        for (String q : new String[] {
                "SELECT * WHERE { FILTER(REGEX(\"" + text + "\", \"^(.*a){20}$\")) }",
                "SELECT (REPLACE(\"" + text + "\", \"^(.*a){20}$\", \"x\") AS ?r) WHERE { }",
                // The same by function IRI: whole, split over a prefix, with an escape, in the sparql: namespace.
                "PREFIX fn: <http://www.w3.org/2005/xpath-functions#> SELECT * WHERE { FILTER(fn:matches(\"" + text + "\", \"^(.*a){20}$\")) }",
                "PREFIX f: <http://www.w3.org/2005/xpath-functions#m> SELECT * WHERE { FILTER(f:atches(\"" + text + "\", \"^(.*a){20}$\")) }",
                "SELECT * WHERE { FILTER(<http://www.w3.org/2005/xpath-functions#m\\u0061tches>(\"" + text + "\", \"^(.*a){20}$\")) }",
                "SELECT (<http://www.w3.org/ns/sparql#replace>(\"" + text + "\", \"^(.*a){20}$\", \"x\") AS ?r) WHERE { }"}) {
            var client = java.net.http.HttpClient.newHttpClient();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sparql + "?query=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)))
                    .timeout(java.time.Duration.ofSeconds(30)).header("Accept", "application/sparql-results+json").build();
            var r = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), q + ": " + r.body());
        }
        // And no thread is left matching once the answer is out.
        long deadline = System.currentTimeMillis() + 10_000;
        boolean matching = true;
        while (matching && System.currentTimeMillis() < deadline) {
            matching = Thread.getAllStackTraces().values().stream()
                    .anyMatch(st -> java.util.Arrays.stream(st).anyMatch(f -> f.getClassName().startsWith("java.util.regex.Pattern")));
            if (matching) Thread.sleep(100);
        }
        assertFalse(matching, "a thread still runs the regex after the timeout");
    }

    @Test
    void regexAndReplaceKeepTheirMeaning() {
        String q = "SELECT ?r ?m ?n WHERE { BIND(REPLACE(\"Fjord Norway\"@en, \"o(r)\", \"[$1]\", \"i\") AS ?r) "
                + "BIND(REGEX(\"ABC\", \"b\", \"i\") AS ?m) BIND(REGEX(\"ABC\", \"^b\") AS ?n) }";
        var r = Http.query(sparql, q, "text/tab-separated-values");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("\"Fj[r]d N[r]way\"@en\ttrue\tfalse", r.body().lines().skip(1).findFirst().orElse(""), r.body());
        var count = Http.query(sparql, "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(REGEX(?l, \"^nce\", \"i\")) }", "text/csv");
        assertTrue(Long.parseLong(count.body().lines().skip(1).findFirst().orElseThrow().strip()) > 0, count.body());
    }

    @Test
    void functionsByIriKeepTheirMeaningAndNoOtherClassIsLoaded() {
        String q = "PREFIX fn: <http://www.w3.org/2005/xpath-functions#> PREFIX afn: <http://jena.apache.org/ARQ/function#> "
                + "SELECT ?m ?r ?s ?up ?wait WHERE { BIND(fn:matches(\"ABC\", \"b\", \"i\") AS ?m) "
                + "BIND(fn:replace(\"Fjord\"@en, \"o(r)\", \"[$1]\") AS ?r) BIND(<http://www.w3.org/ns/sparql#regex>(\"ABC\", \"^b\") AS ?s) "
                + "BIND(<java:org.apache.jena.sparql.function.library.FN_StrUpperCase>(\"a\") AS ?up) BIND(afn:wait(1) AS ?wait) }";
        var r = Http.query(sparql, q, "text/tab-separated-values");
        assertEquals(200, r.statusCode(), r.body());
        // Unknown functions are evaluation errors: ?up and ?wait stay unbound.
        assertEquals("true\t\"Fj[r]d\"@en\tfalse\t\t", r.body().lines().skip(1).findFirst().orElse(""), r.body());
        var split = Http.query(sparql, "PREFIX apf: <http://jena.apache.org/ARQ/property#> SELECT ?x WHERE { ?x apf:strSplit (\"a,b\" \",\") }", "text/csv");
        assertEquals(200, split.statusCode(), split.body());
        assertEquals(List.of("x"), split.body().lines().map(String::strip).toList(), "apf:strSplit is an ordinary predicate here: " + split.body());
    }

    @Test
    void aPowerTooLargeIsAnErrorAndASmallOneIsComputed() {
        String q = "PREFIX math: <http://www.w3.org/2005/xpath-functions/math#> SELECT ?big ?small WHERE { "
                + "BIND(math:pow(3, 2000000) AS ?big) BIND(math:pow(2, 10) AS ?small) }";
        var r = Http.query(sparql, q, "text/tab-separated-values");
        assertEquals(200, r.statusCode(), r.body().length() > 200 ? r.body().substring(0, 200) : r.body());
        assertEquals("\t1024", r.body().lines().skip(1).findFirst().orElse(""), "3^2,000,000 (3.2 million bits) is refused, 2^10 computed");
    }

    @Test
    void aRegexOrderingAFoldStopsToo() {
        // ARQ orders a FOLD's values outside the execution, where no cancel signal reaches: refused, saying why.
        String q = "SELECT (FOLD(?x ORDER BY REGEX(\"" + "a".repeat(40) + "b\", \"^(.*a){20}$\")) AS ?l) WHERE { VALUES ?x { 1 2 } }";
        var r = Http.query(sparql, q, "text/tab-separated-values");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("FOLD"), r.body());
        // The same match by function IRI, split over a prefix so that no keyword shows in the text.
        String byIri = "PREFIX f: <http://www.w3.org/2005/xpath-functions#> SELECT (FOLD(?x ORDER BY f:matches(\""
                + "a".repeat(40) + "b\", \"^(.*a){20}$\")) AS ?l) WHERE { VALUES ?x { 1 2 } }";
        var iri = Http.query(sparql, byIri, "text/tab-separated-values");
        assertEquals(400, iri.statusCode(), iri.body());
        assertTrue(iri.body().contains("FOLD"), iri.body());
        var plain = Http.query(sparql, "SELECT (FOLD(?x ORDER BY DESC(?x)) AS ?l) WHERE { VALUES ?x { 1 2 } }", "text/tab-separated-values");
        assertEquals(200, plain.statusCode(), "a FOLD without a pattern match runs: " + plain.body());
    }

    @Test
    void malformedQueryIs400WithTheParserMessage() {
        var r = Http.query(sparql, "SELECT ?s WHERE { ?s ?p }", "application/sparql-results+json");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("line 1"), r.body());
    }

    @Test
    void slowQueryHitsTheTimeout() {
        var r = Http.query(sparql, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                "application/sparql-results+json");
        assertEquals(503, r.statusCode(), r.body());
    }

    @Test
    void serviceIsRefusedWithoutAnyOutboundRequest() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        trap.createContext("/", ex -> { hits.incrementAndGet(); ex.sendResponseHeaders(200, -1); ex.close(); });
        trap.start();
        try {
            String target = "http://127.0.0.1:" + trap.getAddress().getPort() + "/sparql";
            for (String q : new String[] {
                    "SELECT * WHERE { SERVICE <" + target + "> { ?s ?p ?o } }",
                    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <" + target + "> { ?s ?p ?o } } }",
                    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <" + target + "> { ?s ?p ?o } } } }"}) {
                var r = Http.query(sparql, q, "application/sparql-results+json");
                assertEquals(400, r.statusCode(), q);
                assertTrue(r.body().contains("SERVICE is disabled"), r.body());
            }
            assertEquals(0, hits.get(), "no request left the node");
        } finally {
            trap.stop(0);
        }
    }

    @Test
    void updatesAndGraphStoreWritesAreRefused() {
        String base = node.baseUrl() + "no";
        var update = Http.post(sparql, "application/sparql-update", "INSERT DATA { <https://w3id.org/cipnet/no/x> <urn:p> 1 }");
        assertTrue(update.statusCode() >= 400, "update on the query endpoint: " + update.statusCode());
        var form = Http.post(sparql, "application/x-www-form-urlencoded", "update=" + java.net.URLEncoder.encode("CLEAR ALL", java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(form.statusCode() >= 400, "update form: " + form.statusCode());
        for (String path : new String[] {"/update", "/data", ""}) {
            var put = Http.post(base + path + "?default", "text/turtle", "<https://w3id.org/cipnet/no/x> <urn:p> 1 .");
            assertTrue(put.statusCode() >= 400, path + ": " + put.statusCode());
        }
        var dump = Http.get(base + "/data?default", "Accept", "text/turtle");
        assertTrue(dump.statusCode() >= 400, "no graph store dump: " + dump.statusCode());
        var count = Http.query(sparql, "ASK { <https://w3id.org/cipnet/no/x> ?p ?o }", "application/sparql-results+json");
        assertTrue(count.body().contains("false"));
    }

    @Test
    void serviceDescriptionOnPlainGet() {
        var r = Http.get(sparql, "Accept", "text/turtle");
        assertEquals(200, r.statusCode());
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(r.body(), Lang.TURTLE).parse(m);
        assertTrue(m.contains(m.createResource(sparql), m.createProperty("http://www.w3.org/ns/sparql-service-description#endpoint")));
    }

    @Test
    void referenceGraphIsNamedNotDefault() {
        var inDefault = Http.query(sparql, "ASK { ?c a <http://www.w3.org/2004/02/skos/core#ConceptScheme> }", "application/sparql-results+json");
        assertTrue(inDefault.body().contains("false"), "the default graph holds national data only");
        var named = Http.query(sparql, "ASK { GRAPH <" + GraphNames.REFERENCE.getURI() + "> { ?c a <http://www.w3.org/2004/02/skos/core#ConceptScheme> } }",
                "application/sparql-results+json");
        assertTrue(named.body().contains("true"), named.body());
    }

    @Test
    void versionSnapshotsAndTheVersionLogAreNotPublic() {
        assertTrue(node.store().kept(1), "the loaded data is version 1, kept for rollback");
        var graphs = Http.query(sparql, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "text/csv");
        assertEquals(200, graphs.statusCode(), graphs.body());
        assertEquals(List.of("g", GraphNames.REFERENCE.getURI()), graphs.body().lines().toList(), "only the reference graph is named");
        String snapshot = GraphNames.voidGraph("no").getURI(); // hidden too: it is served at /no/void, not to queries
        var hidden = Http.query(sparql, "ASK { GRAPH <" + snapshot + "> { ?s ?p ?o } }", "application/sparql-results+json");
        assertTrue(hidden.body().contains("false"), hidden.body());
        var log = Http.query(sparql, "ASK { GRAPH <" + GraphNames.versions("no").getURI() + "> { ?s ?p ?o } }", "application/sparql-results+json");
        assertTrue(log.body().contains("false"), log.body());
        var from = Http.query(sparql, "SELECT * FROM NAMED <" + snapshot + "> WHERE { GRAPH ?g { ?s ?p ?o } }", "application/sparql-results+json");
        assertEquals(400, from.statusCode(), from.body());
        assertTrue(from.body().contains("not a public graph"), from.body());
        var param = Http.get(sparql + "?named-graph-uri=" + java.net.URLEncoder.encode(snapshot, java.nio.charset.StandardCharsets.UTF_8)
                + "&query=" + java.net.URLEncoder.encode("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(400, param.statusCode(), param.body());
        var national = Http.query(sparql, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv");
        assertEquals(node.store().current().size(), Long.parseLong(national.body().lines().skip(1).findFirst().orElseThrow().strip()));
    }

    @Test
    void pingAndMetrics() {
        assertEquals(200, Http.get(node.baseUrl() + "$/ping").statusCode());
        var m = Http.get(node.baseUrl() + "$/metrics");
        assertEquals(200, m.statusCode());
        assertTrue(m.body().contains("fuseki_requests"), m.body().substring(0, Math.min(500, m.body().length())));
        assertTrue(m.body().lines().anyMatch(l -> l.startsWith("cipnet_sparql_response_bytes_total") && l.contains("member=\"no\"")), m.body().lines().filter(l -> l.contains("cipnet")).toList().toString());
    }

    @Test
    void trafficCountsRequestsAndAnswerBytes() {
        long requests = node.traffic().requests(), bytes = node.traffic().bytes();
        var r = Http.query(sparql, "SELECT ?s { ?s ?p ?o } LIMIT 3", "application/sparql-results+json");
        assertEquals(200, r.statusCode());
        // Other tests' requests may finish meanwhile (a timed-out query's message, say): at least this answer, not much more.
        assertTrue(node.traffic().requests() >= requests + 1);
        long body = r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, counted = node.traffic().bytes() - bytes;
        assertTrue(counted >= body && counted < body + 4096, counted + " bytes counted for a " + body + "-byte answer");
    }

    @Test
    void aSmallAnswerLeavesWholeWithItsLength() {
        for (String accept : new String[] {"application/sparql-results+json", "text/csv"}) {
            var r = Http.query(sparql, "SELECT ?s { ?s ?p ?o } LIMIT 3", accept);
            assertEquals(200, r.statusCode());
            assertEquals(java.util.List.of(Integer.toString(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)),
                    r.headers().allValues("Content-Length"), accept + ", not chunked: " + r.headers().map());
        }
    }
}
