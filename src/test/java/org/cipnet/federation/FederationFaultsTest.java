package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.cipnet.federation.members.Member;
import org.cipnet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Members that are down, hang past their timeout (before or during their answer), or answer garbage: strict mode names them,
 * partial mode flags them, and no other member's rows are lost. Security: only members are called.
 */
class FederationFaultsTest {
    static TestFederation fed;
    static HttpServer hanging;
    static HttpServer stalling;
    static HttpServer garbage;
    static HttpServer trap;
    static final AtomicInteger trapHits = new AtomicInteger();
    static Federator faulty;

    static final String QUERY = QueryGenerator.PREFIX + "SELECT ?s ?n WHERE { ?s a p:Org ; p:name ?n }";

    @BeforeAll
    static void start() throws Exception {
        fed = new TestFederation(3, 15, 1);
        hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hanging.createContext("/", ex -> {
            try { Thread.sleep(5_000); } catch (InterruptedException ignored) { }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hanging.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        hanging.start();
        // Sends the headers and the start of an answer, then stops: the timeout must cover the body too.
        stalling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stalling.createContext("/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("{ \"head\": { \"vars\": [".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            try { Thread.sleep(5_000); } catch (InterruptedException ignored) { }
            ex.close();
        });
        stalling.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        stalling.start();
        garbage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        garbage.createContext("/", ex -> {
            byte[] b = "<html>this is not SPARQL</html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        garbage.start();
        trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        trap.createContext("/", ex -> { trapHits.incrementAndGet(); ex.sendResponseHeaders(500, -1); ex.close(); });
        trap.start();
        List<Member> members = new ArrayList<>(fed.members);
        int closedPort;
        try (var s = new java.net.ServerSocket(0)) { closedPort = s.getLocalPort(); }
        members.add(new Member("down", "http://127.0.0.1:" + closedPort + "/x/sparql", TestFederation.BASE + "down/", null, Duration.ofSeconds(2), 2));
        members.add(new Member("slow", "http://127.0.0.1:" + hanging.getAddress().getPort() + "/x/sparql", TestFederation.BASE + "slow/", null, Duration.ofMillis(700), 2));
        members.add(new Member("stalled", "http://127.0.0.1:" + stalling.getAddress().getPort() + "/x/sparql", TestFederation.BASE + "stalled/", null, Duration.ofMillis(600), 2));
        members.add(new Member("garbled", "http://127.0.0.1:" + garbage.getAddress().getPort() + "/x/sparql", TestFederation.BASE + "garbled/", null, Duration.ofSeconds(2), 2));
        faulty = Federator.start(FederatorConfig.of(members, 0), fed.reference);
    }

    @AfterAll
    static void stop() {
        if (faulty != null) faulty.close();
        if (fed != null) fed.close();
        for (HttpServer s : new HttpServer[] {hanging, stalling, garbage, trap}) if (s != null) s.stop(0);
    }

    @Test
    void strictModeNamesAFailingMember() {
        var r = Http.query(faulty.sparqlUrl(), QUERY, "application/sparql-results+json");
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(r.body().matches("(?s).*member (down|slow|garbled) failed.*"), r.body());
    }

    @Test
    void partialModeFlagsEveryFailingMemberAndLosesNoOtherRows() throws Exception {
        String url = faulty.sparqlUrl() + "?partial=true&query=" + java.net.URLEncoder.encode(QUERY, StandardCharsets.UTF_8);
        var r = Http.get(url, "Accept", "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        String missing = r.headers().firstValue(FederatedQueryService.MISSING_HEADER).orElse("");
        assertEquals(java.util.Set.of("down", "slow", "stalled", "garbled"), java.util.Set.of(missing.split(",")));
        var json = new ObjectMapper().readTree(r.body());
        String link = json.get("head").get("link").get(0).asText();
        var status = Http.get(link);
        assertEquals(200, status.statusCode());
        assertTrue(status.body().contains("connection refused"), status.body());
        assertTrue(status.body().contains("no answer within 700 ms"), status.body());
        assertTrue(status.body().contains("no answer within 600 ms"), "a member that stalls mid-answer times out too: " + status.body());
        assertTrue(status.body().contains("malformed SPARQL JSON"), status.body());
        // The healthy members' rows are all there: the same as the healthy federation's answer.
        var healthy = Http.query(fed.federator.sparqlUrl(), QUERY, "application/sparql-results+json");
        assertEquals(new ObjectMapper().readTree(healthy.body()).get("results").get("bindings").size(),
                json.get("results").get("bindings").size());
        assertTrue(json.get("results").get("bindings").size() > 0);
    }

    @Test
    void serviceToANonMemberIsRefusedAndNoRequestLeaves() {
        String target = "http://127.0.0.1:" + trap.getAddress().getPort() + "/sparql";
        for (String q : new String[] {"SELECT * WHERE { SERVICE <" + target + "> { ?s ?p ?o } }",
                "SELECT * WHERE { BIND(<" + target + "> AS ?x) SERVICE ?x { ?s ?p ?o } }",
                "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE <" + target + "> { ?s ?p ?o } } }",
                "select * where { service <" + target + "> { ?s ?p ?o } }", // the keyword in any case
                "SELECT * WHERE { { SELECT ?s WHERE { Service <" + target + "> { ?s ?p ?o } } } }"}) {
            var r = Http.query(fed.federator.sparqlUrl(), q, "application/sparql-results+json");
            assertEquals(400, r.statusCode(), q + " -> " + r.body());
            assertTrue(r.body().contains("refused"), r.body());
        }
        assertEquals(0, trapHits.get(), "no request reached the non-member");
    }

    /** To a member SERVICE would bypass strict and partial mode; the member is part of the dataset anyway. */
    @Test
    void serviceToAMemberIsRefusedSayingWhy() {
        var m = fed.federator.catalog().members().get(0);
        var r = Http.query(fed.federator.sparqlUrl(), "SELECT * WHERE { SERVICE <" + m.sparql() + "> { ?s ?p ?o } }", "application/sparql-results+json");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("member " + m.id() + " is part of the federated dataset already"), r.body());
    }

    @Test
    void aMemberLocalStarCostsOneRequestPerMember() throws Exception {
        Http.query(fed.federator.sparqlUrl(), QUERY, "application/sparql-results+json"); // warm the ASK-probe cache
        var r = Http.get(fed.federator.sparqlUrl() + "?explain=true&query=" + java.net.URLEncoder.encode(QUERY, StandardCharsets.UTF_8),
                "Accept", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        var json = new ObjectMapper().readTree(r.body());
        assertEquals(3, json.get("requests").asInt(), r.body());
        for (String m : new String[] {"m0", "m1", "m2"}) assertEquals(1, json.get("members").get(m).get("requests").asInt());
        assertTrue(json.get("plan").asText().contains("urn:cipnet:star"));
        // Explain is a record tree: the pushed-down star, and under it what each member did for it.
        assertEquals(1, json.get("pushedDown").size(), r.body());
        var star = json.get("pushedDown").get(0);
        long rows = 0;
        for (String m : new String[] {"m0", "m1", "m2"}) {
            assertEquals(1, star.get("asked").get(m).get("requests").asInt(), star.toPrettyString());
            assertEquals(json.get("members").get(m).get("rows").asLong(), star.get("asked").get(m).get("rows").asLong(), star.toPrettyString());
            rows += star.get("asked").get(m).get("rows").asLong();
        }
        assertTrue(rows > 0, "the members answered rows for the star: " + star.toPrettyString());
        var text = Http.get(fed.federator.sparqlUrl() + "?explain=true&query=" + java.net.URLEncoder.encode(QUERY, StandardCharsets.UTF_8),
                "Accept", "text/plain");
        assertTrue(text.body().contains("Pushed down:") && text.body().matches("(?s).*\\n    m0 +1 requests +[0-9]+ rows\\n.*"), text.body());
    }

    @Test
    void groupByOverAllMembersMovesPartialAggregatesNotRows() throws Exception {
        String q = QueryGenerator.PREFIX + "SELECT ?c (COUNT(*) AS ?n) (AVG(?z) AS ?a) WHERE { ?s p:code ?c ; p:size ?z } GROUP BY ?c";
        Http.query(fed.federator.sparqlUrl(), q, "application/sparql-results+json");
        var r = Http.get(fed.federator.sparqlUrl() + "?explain=true&query=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8), "Accept", "application/json");
        var json = new ObjectMapper().readTree(r.body());
        long rowsMoved = 0;
        for (var m : json.get("members")) rowsMoved += m.get("rows").asLong();
        assertTrue(json.get("plan").asText().contains("urn:cipnet:aggregate"), json.get("plan").asText());
        assertEquals(3, json.get("requests").asInt());
        assertTrue(rowsMoved <= 3 * 5, "at most one partial row per member and code, got " + rowsMoved);
        assertTrue(rowsMoved < 3 * 15, "fewer rows than the matching triples");
        var compare = ResultCompare.compare(fed.federator.sparqlUrl(), fed.central, q);
        assertTrue(compare.same(), compare.federated() + "\n vs \n" + compare.central());
    }

    @Test
    void orderByLimitBecomesAPerMemberTopK() throws Exception {
        String q = QueryGenerator.PREFIX + "SELECT ?s ?z WHERE { ?s p:size ?z } ORDER BY DESC(?z) ?s LIMIT 4";
        var r = Http.get(fed.federator.sparqlUrl() + "?explain=true&query=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8), "Accept", "application/json");
        var json = new ObjectMapper().readTree(r.body());
        for (var req : json.get("requestsSent")) assertEquals(4, TestFederation.sentQuery(req.asText()).getLimit(), req.asText());
        long rows = 0;
        for (var m : json.get("members")) rows += m.get("rows").asLong();
        assertTrue(rows <= 3 * 4, "each member sends at most its top 4: " + rows);
        assertTrue(ResultCompare.compare(fed.federator.sparqlUrl(), fed.central, q).same());
    }

    @Test
    void distinctTravelsWithTheStar() throws Exception {
        String q = QueryGenerator.PREFIX + "SELECT DISTINCT ?c WHERE { ?s p:code ?c }";
        var r = Http.get(fed.federator.sparqlUrl() + "?explain=true&query=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8), "Accept", "application/json");
        var json = new ObjectMapper().readTree(r.body());
        long rows = 0;
        for (var m : json.get("members")) rows += m.get("rows").asLong();
        for (var req : json.get("requestsSent")) {
            var sent = TestFederation.sentQuery(req.asText());
            assertTrue(sent.isDistinct() && sent.getResultVars().equals(java.util.List.of("c")), req.asText());
        }
        assertTrue(rows <= 3 * 5, "each member sends its distinct codes only: " + rows);
        assertTrue(ResultCompare.compare(fed.federator.sparqlUrl(), fed.central, q).same());
    }

    @Test
    void membersWithoutVoidAreProbedOnceForAllPredicatesOfAStar() throws Exception {
        fed.federator.catalog().invalidate();
        String q = QueryGenerator.PREFIX + "SELECT ?s WHERE { ?s a p:Org ; p:name ?n ; p:size ?z ; p:code ?c }";
        var r = Http.get(fed.federator.sparqlUrl() + "?explain=true&query=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8), "Accept", "application/json");
        var json = new ObjectMapper().readTree(r.body());
        for (String m : new String[] {"m0", "m1", "m2"})
            assertEquals(2, json.get("members").get(m).get("requests").asInt(), "one batched probe and one query: " + json.get("requestsSent"));
    }

    @Test
    void aKnownSubjectGoesToItsOwnerOnly() throws Exception {
        String q = QueryGenerator.PREFIX + "SELECT ?n WHERE { <" + TestFederation.BASE + "m1/org/3> p:name ?n }";
        Http.query(fed.federator.sparqlUrl(), q, "application/sparql-results+json");
        var r = Http.get(fed.federator.sparqlUrl() + "?explain=true&query=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8), "Accept", "application/json");
        var json = new ObjectMapper().readTree(r.body());
        assertEquals(1, json.get("requests").asInt(), r.body());
        assertEquals(1, json.get("members").get("m1").get("requests").asInt());
    }

    @Test
    void updatesAreRefused() {
        var r = Http.post(fed.federator.sparqlUrl(), "application/sparql-update", "CLEAR ALL");
        assertTrue(r.statusCode() >= 400, "update: " + r.statusCode());
    }
}
