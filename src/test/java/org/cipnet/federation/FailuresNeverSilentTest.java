package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cipnet.federation.members.Member;
import org.cipnet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A member that fails (HTTP 500) or hangs past its timeout only when asked about {@code p:secret}:
 * wherever in the query that question is asked — FILTER EXISTS / NOT EXISTS, OPTIONAL, a subquery,
 * a property path, MINUS, an aggregate — strict mode answers 502 naming it, and partial mode answers
 * with the others and names it in {@code X-Cipnet-Missing-Members}. (That no other member's rows
 * are lost in partial mode is {@link FederationFaultsTest}'s concern.)
 */
class FailuresNeverSilentTest {
    static TestFederation fed;
    static FakeMember failing, hanging, failingOnProbe, failingOnQuery;
    static Federator withFailing, withHanging, withFailingPlain, withFailingOnProbe, withFailingOnQuery;
    static org.apache.jena.fuseki.main.FusekiServer store;

    static final String SECRET = TestFederation.P + "secret";

    @BeforeAll
    static void start() throws Exception {
        fed = new TestFederation(3, 12, 7);
        // The faulty members own a few subjects of their own (linked among themselves), served by a real
        // store behind a proxy that fails or hangs only on requests about p:secret.
        var dsg = org.apache.jena.sparql.core.DatasetGraphFactory.createTxnMem();
        var g = dsg.getDefaultGraph();
        for (String owner : new String[] {"flaky", "stuck"})
            for (int i = 0; i < 4; i++) {
                var s = org.apache.jena.graph.NodeFactory.createURI(TestFederation.BASE + owner + "/org/" + i);
                g.add(s, TestFederation.uri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), TestFederation.uri(TestFederation.P + "Org"));
                g.add(s, TestFederation.uri(TestFederation.P + "name"), org.apache.jena.graph.NodeFactory.createLiteralString(owner + " " + i));
                g.add(s, TestFederation.uri(TestFederation.P + "link"), TestFederation.uri(TestFederation.BASE + owner + "/org/" + ((i + 1) % 4)));
            }
        store = org.apache.jena.fuseki.main.FusekiServer.create().port(0).loopback(true).add("/faulty", dsg, false).build().start();
        String endpoint = "http://localhost:" + store.getHttpPort() + "/faulty/sparql";
        failing = new FakeMember((ex, q) -> {
            if (q.contains(SECRET)) FakeMember.send(ex, 500, "boom");
            else FakeMember.forward(ex, q, endpoint);
        });
        hanging = new FakeMember((ex, q) -> {
            if (q.contains(SECRET)) FakeMember.sleep(5_000);
            FakeMember.forward(ex, q, endpoint);
        });
        // A member that fails only on the probe asking which bound objects it holds, and one that answers
        // that probe but fails on the query's own requests with the bound object.
        String bound = TestFederation.BASE + "flaky/org/1";
        failingOnProbe = new FakeMember((ex, q) -> {
            if (objectProbe(q)) FakeMember.send(ex, 500, "boom");
            else FakeMember.forward(ex, q, endpoint);
        });
        failingOnQuery = new FakeMember((ex, q) -> {
            if (q.contains(bound) && !objectProbe(q)) FakeMember.send(ex, 500, "boom");
            else FakeMember.forward(ex, q, endpoint);
        });
        withFailingOnProbe = Federator.start(FederatorConfig.of(fed.membersAnd(failingOnProbe.member("flaky", Duration.ofSeconds(5))), 0), fed.reference);
        withFailingOnQuery = Federator.start(FederatorConfig.of(fed.membersAnd(failingOnQuery.member("flaky", Duration.ofSeconds(5))), 0), fed.reference);
        withFailing = Federator.start(FederatorConfig.of(fed.membersAnd(failing.member("flaky", Duration.ofSeconds(5))), 0), fed.reference);
        withHanging = Federator.start(FederatorConfig.of(fed.membersAnd(hanging.member("stuck", Duration.ofMillis(700))), 0), fed.reference);
        // The same failing store as a plain endpoint (no URI space, no stable labels): its triples are read at the federator.
        withFailingPlain = Federator.start(FederatorConfig.of(fed.membersAnd(
                new org.cipnet.federation.members.Member("plainflaky", failing.sparql(), null, null, Duration.ofSeconds(5), 2, false)), 0), fed.reference);
    }


    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {withFailing, withHanging, withFailingPlain, withFailingOnProbe, withFailingOnQuery,
                failing, hanging, failingOnProbe, failingOnQuery, fed, () -> store.stop()})
            try { if (c != null) c.close(); } catch (Exception ignored) { }
    }

    static Stream<Arguments> places() {
        String p = QueryGenerator.PREFIX;
        String secret = "<" + SECRET + ">";
        return Stream.of(
                Arguments.of("FILTER EXISTS", p + "SELECT ?s WHERE { ?s a p:Org FILTER EXISTS { ?s " + secret + " ?x } }"),
                Arguments.of("FILTER NOT EXISTS", p + "SELECT ?s WHERE { ?s a p:Org FILTER NOT EXISTS { ?s " + secret + " ?x } }"),
                Arguments.of("EXISTS in BIND", p + "SELECT ?s ?b WHERE { ?s a p:Org BIND(EXISTS { ?s " + secret + " ?x } AS ?b) }"),
                Arguments.of("OPTIONAL", p + "SELECT ?s ?x WHERE { ?s a p:Org OPTIONAL { ?s " + secret + " ?x } }"),
                // The shapes the planner sends inside a star's request: an OPTIONAL with its FILTER, a UNION about the subject.
                Arguments.of("OPTIONAL with FILTER", p + "SELECT ?s ?x WHERE { ?s a p:Org OPTIONAL { ?s " + secret + " ?x FILTER(isLiteral(?x)) } }"),
                Arguments.of("UNION about the subject", p + "SELECT ?s ?x WHERE { ?s a p:Org { ?s " + secret + " ?x } UNION { ?s p:name ?x } }"),
                // A union no join sees: one request per member for all its branches.
                Arguments.of("UNION as the whole query", p + "SELECT ?s ?x WHERE { { ?s " + secret + " ?x } UNION { ?s p:name ?x } }"),
                // Two stars that differ only in their variables' names share their bound requests.
                Arguments.of("shared bind join", p + "SELECT ?s ?x ?y WHERE { ?s a p:Org ; p:link ?a , ?b . ?a " + secret + " ?x . ?b " + secret + " ?y }"),
                Arguments.of("subquery", p + "SELECT ?s WHERE { ?s a p:Org { SELECT ?s WHERE { ?s " + secret + " ?x } } }"),
                Arguments.of("property path", p + "SELECT ?s ?x WHERE { ?s a p:Org . ?s (p:link|" + secret + ")+ ?x }"),
                Arguments.of("path in NOT EXISTS", p + "SELECT ?s WHERE { ?s a p:Org FILTER NOT EXISTS { ?s p:link/" + secret + " ?x } }"),
                Arguments.of("MINUS", p + "SELECT ?s WHERE { ?s a p:Org MINUS { ?s " + secret + " ?x } }"),
                Arguments.of("aggregate", p + "SELECT (COUNT(?x) AS ?n) WHERE { ?s " + secret + " ?x }"),
                Arguments.of("aggregate over OPTIONAL", p + "SELECT ?s (COUNT(?x) AS ?n) WHERE { ?s a p:Org OPTIONAL { ?s " + secret + " ?x } } GROUP BY ?s"),
                Arguments.of("ASK", p + "ASK { ?s " + secret + " ?x }"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void strictFailsNamingAFailingMember(String place, String query) {
        var r = Http.query(withFailing.sparqlUrl(), query, "application/sparql-results+json");
        assertEquals(502, r.statusCode(), place + ": " + r.body());
        assertTrue(r.body().contains("member flaky failed"), r.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void strictFailsNamingAHangingMember(String place, String query) {
        var r = Http.query(withHanging.sparqlUrl(), query, "application/sparql-results+json");
        assertEquals(502, r.statusCode(), place + ": " + r.body());
        assertTrue(r.body().contains("member stuck failed: no answer within 700 ms"), r.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void strictFailsNamingAFailingPlainMember(String place, String query) {
        var r = Http.query(withFailingPlain.sparqlUrl(), query, "application/sparql-results+json");
        assertEquals(502, r.statusCode(), place + ": " + r.body());
        assertTrue(r.body().contains("member plainflaky failed"), r.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void partialNamesAFailingPlainMember(String place, String query) {
        partial(withFailingPlain, "plainflaky", place, query);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void partialNamesAFailingMember(String place, String query) {
        partial(withFailing, "flaky", place, query);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void partialNamesAHangingMember(String place, String query) {
        partial(withHanging, "stuck", place, query);
    }

    /** The catalogue's probe of bound objects: {@code SELECT ?i { VALUES (?i ?p ?o) { … } FILTER EXISTS { ?s ?p ?o } }}. */
    private static boolean objectProbe(String q) {
        try {
            return org.apache.jena.query.QueryFactory.create(q).getProjectVars().equals(List.of(org.apache.jena.sparql.core.Var.alloc("i")));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Stream<Arguments> boundObjectFailures() {
        String q = QueryGenerator.PREFIX + "SELECT ?s ?n WHERE { ?s p:link <" + TestFederation.BASE + "flaky/org/1> ; p:name ?n }";
        return Stream.of(Arguments.of("failing on the probe", q), Arguments.of("failing on the query", q));
    }

    private static Federator boundObjectFederator(String place) {
        return place.equals("failing on the probe") ? withFailingOnProbe : withFailingOnQuery;
    }

    /** Twice: a failed probe leaves nothing cached that would leave the member out of the next query silently. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("boundObjectFailures")
    void aBoundObjectsProbeOrQueryFailingIsNamedInStrictMode(String place, String query) {
        for (int i = 0; i < 2; i++) {
            var r = Http.query(boundObjectFederator(place).sparqlUrl(), query, "application/sparql-results+json");
            assertEquals(502, r.statusCode(), place + ": " + r.body());
            assertTrue(r.body().contains("member flaky failed"), r.body());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundObjectFailures")
    void aBoundObjectsProbeOrQueryFailingIsNamedInPartialMode(String place, String query) {
        for (int i = 0; i < 2; i++) partial(boundObjectFederator(place), "flaky", place, query);
    }

    private static void partial(Federator f, String member, String place, String query) {
        var r = TestFederation.get(f, query, "partial=true&");
        assertEquals(200, r.statusCode(), place + ": " + r.body());
        assertEquals(member, r.headers().firstValue(FederatedQueryService.MISSING_HEADER).orElse(""), place + ": " + r.body());
    }
}
