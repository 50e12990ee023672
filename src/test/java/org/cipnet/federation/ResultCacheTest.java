package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.node.NationalNode;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.cipnet.testing.PublishingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ETags from the query and the members' versions: 304 for an unchanged re-query, a fresh 200 after a publication. */
class ResultCacheTest {
    @TempDir
    static Path dir;

    static PublishingNode lv;
    static NationalNode node;
    static Federator federator;

    @BeforeAll
    static void start() throws Exception {
        lv = PublishingNode.start(dir, "lv");
        node = lv.node();
        federator = Federator.start(FederatorConfig.of(List.of(org.cipnet.federation.members.MemberDiscovery.discover(null, node.baseUrl() + "lv")), 0),
                Checkout.validator().reference(), FairUse.OFF, new ResultCache(1 << 20, 1 << 20, Duration.ZERO));
    }

    @AfterAll
    static void stop() {
        if (federator != null) federator.close();
        if (lv != null) lv.close();
    }

    static String url(String query) {
        return federator.sparqlUrl() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void unchangedRequeryIs304AndAPublicationGivesA200() {
        String q = url("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
        var first = Http.get(q, "Accept", "text/csv");
        assertEquals(200, first.statusCode());
        String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));

        long asked = node.traffic().requests();
        assertEquals(304, Http.get(q, "Accept", "text/csv", "If-None-Match", etag).statusCode());
        var again = Http.get(q, "Accept", "text/csv");
        assertEquals(200, again.statusCode());
        assertEquals(first.body(), again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        assertEquals(asked, node.traffic().requests(), "the repeated query was answered from memory");
        assertNotEquals(etag, Http.get(q, "Accept", "application/sparql-results+json").headers().firstValue("ETag").orElseThrow(),
                "another format is another answer");

        lv.publishOneMoreTriple();

        var after = Http.get(q, "Accept", "text/csv", "If-None-Match", etag);
        assertEquals(200, after.statusCode(), "a member's new version invalidates the answer");
        assertNotEquals(etag, after.headers().firstValue("ETag").orElseThrow());
        assertEquals(count(first.body()) + 1, count(after.body()), "the new triple is counted");
    }

    /** A partial answer may lack members: kept, it would later be served as the whole answer, without naming them. */
    @Test
    void partialAnswersAreNeitherKeptNorGivenAnETag() throws Exception {
        String q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }";
        var member = federator.catalog().members();
        try (Federator partialByDefault = Federator.start(new FederatorConfig(member, 0, true, 60_000, 100_000, 400,
                org.cipnet.federation.exec.QueryTrace.DEFAULT_MAX_REQUESTS, org.cipnet.federation.exec.MemberClient.DEFAULT_ANSWER_LIMIT,
                FederatorConfig.DEFAULT_MAX_QUERY_BYTES, java.util.Map.of(), FederatorConfig.DEFAULT_REDISCOVERY), Checkout.validator().reference(), FairUse.OFF, new ResultCache(1 << 20, 1 << 20, Duration.ZERO))) {
            String[] urls = {partialByDefault.sparqlUrl() + "?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                    url(q) + "&partial=true", url(q) + "&partial=1"};
            for (String u : urls) {
                long asked = node.traffic().requests();
                for (int i = 0; i < 2; i++) {
                    var r = Http.get(u, "Accept", "text/csv");
                    assertEquals(200, r.statusCode(), u);
                    assertTrue(r.headers().firstValue("ETag").isEmpty(), u + " has no ETag");
                }
                assertTrue(node.traffic().requests() >= asked + 2, u + ": both asked the member");
            }
        }
        // partial=false is strict: cached like a request without the parameter.
        var strict = Http.get(url(q) + "&partial=false", "Accept", "text/csv");
        assertTrue(strict.headers().firstValue("ETag").isPresent(), "partial=false is a strict, cacheable request");
    }

    @Test
    void onlyAWholeAnswerHasAnETagAndItMayBeKeptByTheClient() {
        var refused = Http.get(url("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"), "Accept", "text/csv");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.headers().firstValue("ETag").isEmpty(), "an error is not the query's answer: " + refused.headers().map());
        var ok = Http.get(url("SELECT (COUNT(*) AS ?m) WHERE { ?s ?p ?o }"), "Accept", "text/csv");
        assertEquals(200, ok.statusCode());
        assertTrue(ok.headers().firstValue("ETag").isPresent());
        assertEquals("no-cache", ok.headers().firstValue("Cache-Control").orElse(""), "revalidated with its ETag, not no-store");
    }

    @Test
    void aNewVersionReachesThePlannerAtOnceNotAfterTheStatisticsExpire() {
        // The planner leaves a member out of a pattern its VoID does not list; its statistics are kept
        // 30 s. A publication that adds the predicate must be seen by the next query all the same.
        String formerName = "https://w3id.org/cipnet/ontology#formerName";
        Node former = NodeFactory.createURI(formerName);
        lv.publishWithout(former);
        // Whatever the class's other test left cached (statistics with the former name) goes, so that
        // the planner starts from statistics without it, whichever test runs first.
        federator.catalog().invalidate();
        String q = url("SELECT (COUNT(*) AS ?n) WHERE { ?s <" + formerName + "> ?o }");
        long asked = node.traffic().requests();
        assertEquals(0, count(Http.get(q, "Accept", "text/csv").body()));
        assertEquals(asked, node.traffic().requests(), "the planner left lv out: its statistics have no former name");
        lv.publish(lv.original());
        long expected = lv.original().stream(Node.ANY, former, Node.ANY).count();
        assertEquals(expected, count(Http.get(q, "Accept", "text/csv").body()), "the published former names are found at once");
    }

    @Test
    void aBoundObjectTheMemberDoesNotHoldIsNotAskedForUntilAPublicationAddsIt() {
        // lv's VoID lists skos:altLabel but not its objects: a probe tells that lv has no such label,
        // and a later query with that constant does not ask lv; once published, the label is found at once.
        lv.publish(lv.original());
        federator.catalog().invalidate();
        String label = "\"test label added by a publication\"@en";
        String q = "SELECT ?s WHERE { ?s <http://www.w3.org/2004/02/skos/core#altLabel> " + label + " }";
        assertTrue(lv.original().find(Node.ANY, org.apache.jena.vocabulary.SKOS.altLabel.asNode(), Node.ANY).hasNext(), "lv uses skos:altLabel");
        assertEquals(200, Http.get(url(q), "Accept", "text/csv").statusCode());
        long asked = node.traffic().requests();
        var r = Http.get(url("SELECT DISTINCT ?s WHERE { ?s <http://www.w3.org/2004/02/skos/core#altLabel> " + label + " }"), "Accept", "text/csv");
        assertEquals(List.of("s"), r.body().strip().lines().toList(), "no rows");
        assertEquals(asked, node.traffic().requests(), "lv is not asked: its probe said it holds no such label");

        Graph published = lv.publishOneMoreTriple();
        var after = Http.get(url(q), "Accept", "text/csv");
        assertEquals(2, after.body().strip().lines().count(), "the published label is found at once: " + after.body());
        assertTrue(node.traffic().requests() > asked, "lv is asked again");
        Graph central = GraphFactory.createDefaultGraph();
        published.find().forEachRemaining(central::add);
        Checkout.validator().reference().find().forEachRemaining(central::add);
        var same = ResultCompare.compare(federator.sparqlUrl(), central, q);
        assertTrue(same.same(), same.federated() + "\n vs \n" + same.central());
    }

    static long count(String csv) {
        return Long.parseLong(csv.strip().split("\r?\n")[1]);
    }

    @Test
    void answersThatChangeByThemselvesAreNotCached() {
        var r = Http.get(url("SELECT (NOW() AS ?t) WHERE {}"), "Accept", "text/csv");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("ETag").isEmpty());
    }

    @Test
    void theFullIriFormOfNowIsNotCachedEither() {
        var r = Http.get(url("SELECT (<http://www.w3.org/ns/sparql#now>() AS ?t) WHERE {}"), "Accept", "text/csv");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("ETag").isEmpty());
    }

    @Test
    void changingFunctionsAreFoundWhereverTheQueryCallsThem() {
        for (String q : List.of(
                "SELECT * { ?s ?p ?o } ORDER BY RAND()",
                "SELECT * { ?s ?p ?o FILTER EXISTS { BIND(STRUUID() AS ?u) } }",
                "SELECT (SAMPLE(UUID()) AS ?u) { ?s ?p ?o } GROUP BY ?s",
                "SELECT ?s { ?s ?p ?o } GROUP BY ?s HAVING (NOW() > \"2000-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>)",
                "CONSTRUCT { ?s ?p ?b } WHERE { ?s ?p ?o BIND(BNODE() AS ?b) }",
                "SELECT * { ?s ?p ?o FILTER(<http://www.w3.org/ns/sparql#rand>() < 0.5) }"))
            assertTrue(ResultCache.changesByItself(q), q);
        // words in literals and variable names are not calls: the text-matching check cached none of these
        for (String q : List.of(
                "SELECT ?now { ?s ?p ?now FILTER(CONTAINS(STR(?now), \"rand(\")) }",
                "ASK { ?s <http://example.org/uuid> \"now()\" }"))
            assertFalse(ResultCache.changesByItself(q), q);
    }
}
