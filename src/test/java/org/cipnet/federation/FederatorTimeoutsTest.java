package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.cipnet.federation.members.Member;
import org.cipnet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Waits are bounded and timeouts stop the work: a member whose VoID stalls does not hold queries
 * up; with a member that hangs everywhere, strict and partial both answer within the query's timeout;
 * a cross product at the federator and a catastrophic REGEX stop at the timeout.
 */
class FederatorTimeoutsTest {
    static TestFederation fed;
    static FusekiServer store;
    static FakeMember slowVoid, hangingEverywhere;

    static final String QUERY = QueryGenerator.PREFIX + "SELECT ?s ?n WHERE { ?s a p:Org ; p:name ?n }";

    @BeforeAll
    static void start() throws Exception {
        fed = new TestFederation(3, 12, 13);
        var dsg = DatasetGraphFactory.createTxnMem();
        var s = TestFederation.uri(TestFederation.BASE + "sv/org/1");
        dsg.getDefaultGraph().add(s, TestFederation.uri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), TestFederation.uri(TestFederation.P + "Org"));
        dsg.getDefaultGraph().add(s, TestFederation.uri(TestFederation.P + "name"), org.apache.jena.graph.NodeFactory.createLiteralString("slow VoID"));
        store = FusekiServer.create().port(0).loopback(true).add("/sv", dsg, false).build().start();
        String endpoint = "http://localhost:" + store.getHttpPort() + "/sv/sparql";
        // Its SPARQL endpoint is healthy; its VoID sends the headers and the first line, then nothing.
        slowVoid = new FakeMember((ex, q) -> {
            if (ex.getRequestURI().getPath().endsWith("/void")) stall(ex);
            else FakeMember.forward(ex, q, endpoint);
        });
        hangingEverywhere = new FakeMember((ex, q) -> stall(ex));
    }

    private static void stall(com.sun.net.httpserver.HttpExchange ex) throws java.io.IOException {
        ex.getResponseHeaders().add("Content-Type", "text/turtle");
        ex.sendResponseHeaders(200, 0);
        ex.getResponseBody().write("@prefix void: <http://rdfs.org/ns/void#> .\n".getBytes(StandardCharsets.UTF_8));
        ex.getResponseBody().flush();
        FakeMember.sleep(60_000);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {slowVoid, hangingEverywhere, fed, () -> store.stop()})
            try { if (c != null) c.close(); } catch (Exception ignored) { }
    }

    private static Member withVoid(FakeMember fake, String id, Duration timeout) {
        return new Member(id, fake.sparql(), TestFederation.BASE + id + "/", fake.sparql().replaceAll("/sparql$", "/void"), timeout, 2);
    }



    @Test
    void aStallingVoidFallsBackToProbesAndTheAnswerIsWhole() throws Exception {
        try (Federator f = Federator.start(FederatorConfig.of(fed.membersAnd(withVoid(slowVoid, "sv", Duration.ofSeconds(2))), 0).withTimeout(20_000), fed.reference)) {
            var r = TestFederation.get(f, QUERY, "");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("slow VoID"), "the member's rows are there, found by probes: " + r.body());
        }
    }

    @Test
    void withAMemberHangingEverywhereStrictAndPartialAnswerWithinTheQueryTimeout() throws Exception {
        // Member timeout 30 s (the default) against a query timeout of 5 s: the query's deadline bounds every wait.
        var config = FederatorConfig.of(fed.membersAnd(withVoid(hangingEverywhere, "hung", Member.DEFAULT_TIMEOUT)), 0).withTimeout(5_000);
        try (Federator f = Federator.start(config, fed.reference)) {
            long t0 = System.nanoTime();
            var strict = TestFederation.get(f, QUERY, "");
            long strictMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(502, strict.statusCode(), strict.body());
            assertTrue(strict.body().contains("member hung failed: no answer within"), strict.body());
            assertTrue(strictMillis < 15_000, "answered after " + strictMillis + " ms");
            f.catalog().invalidate();
            t0 = System.nanoTime();
            var partial = TestFederation.get(f, QUERY, "partial=true&");
            long partialMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, partial.statusCode(), partial.body());
            assertEquals("hung", partial.headers().firstValue(FederatedQueryService.MISSING_HEADER).orElse(""));
            assertTrue(partialMillis < 15_000, "answered after " + partialMillis + " ms");
        }
    }

    @Test
    void aCrossProductAtTheFederatorStopsAtTheTimeout() {
        try (Federator f = Federator.start(FederatorConfig.of(fed.members, 0).withTimeout(2_000), fed.reference)) {
            String q = QueryGenerator.PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?a p:name ?x . ?b p:name ?y . ?c p:name ?z . ?d p:name ?w . ?e p:name ?v . ?g p:name ?u }";
            long t0 = System.nanoTime();
            var r = TestFederation.get(f, q, "");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(millis < 20_000, "stopped after " + millis + " ms");
        }
    }

    @Test
    void aCatastrophicRegexAtTheFederatorStopsAtTheTimeout() {
        try (Federator f = Federator.start(FederatorConfig.of(fed.members, 0).withTimeout(2_000), fed.reference)) {
            String text = "a".repeat(40) + "b";
            for (String q : new String[] {
                    "SELECT ?x WHERE { BIND(\"" + text + "\" AS ?x) FILTER(REGEX(?x, \"^(.*a){25}$\")) }",
                    "SELECT ?x WHERE { BIND(\"" + text + "\" AS ?x) FILTER(<http://www.w3.org/2005/xpath-functions#matches>(?x, \"^(.*a){25}$\")) }",
                    // A star only the federator's own graph answers (p:rank is the reference graph's): its FILTER runs there.
                    QueryGenerator.PREFIX + "SELECT ?c WHERE { ?c p:rank ?r FILTER(REGEX(CONCAT(STR(?r), \"" + text + "\"), \"^(.*a){25}$\")) }"}) {
                long t0 = System.nanoTime();
                var r = TestFederation.get(f, q, "");
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(503, r.statusCode(), q + ": " + r.body());
                assertTrue(millis < 20_000, q + " stopped after " + millis + " ms");
            }
        }
    }
}
