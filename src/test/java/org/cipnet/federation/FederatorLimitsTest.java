package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cipnet.federation.members.Member;
import org.cipnet.node.NationalNode;
import org.cipnet.node.NodeConfig;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The federator's limits hold and say so: a member flooding an endless answer is cut off at the
 * answer limit and named, and healthy members keep answering; a member's result cap that cuts its
 * answer is never taken as the whole answer; the federator's own result cap refuses instead of
 * cutting; a query that would send too many member requests is refused; a query body that
 * expands hugely is refused before it is held.
 */
class FederatorLimitsTest {
    @TempDir
    static Path dir;

    static TestFederation fed;
    static FakeMember flood;
    static final AtomicLong floodSent = new AtomicLong();
    static final CountDownLatch floodDone = new CountDownLatch(1);
    static NationalNode cappedNode;

    static final String QUERY = QueryGenerator.PREFIX + "SELECT ?s ?n WHERE { ?s a p:Org ; p:name ?n }";
    static final long FLOOD_MAX = 512L << 20;

    @BeforeAll
    static void start() throws Exception {
        fed = new TestFederation(3, 12, 11);
        // Sends the start of a SPARQL JSON answer, then rows without end (up to 512 MB, or until the federator hangs up).
        flood = new FakeMember((ex, q) -> {
            ex.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
            ex.sendResponseHeaders(200, 0);
            byte[] row = ("{\"s\":{\"type\":\"uri\",\"value\":\"" + TestFederation.BASE + "flood/org/1\"},"
                    + "\"n\":{\"type\":\"literal\",\"value\":\"" + "x".repeat(200) + "\"}},\n").getBytes(StandardCharsets.UTF_8);
            OutputStream out = ex.getResponseBody();
            try {
                out.write("{\"head\":{\"vars\":[\"s\",\"n\"]},\"results\":{\"bindings\":[".getBytes(StandardCharsets.UTF_8));
                long sent = 0;
                while (sent < FLOOD_MAX) {
                    out.write(row);
                    sent += row.length;
                    floodSent.set(sent);
                }
            } catch (IOException e) {
                // the federator hung up
            } finally {
                floodDone.countDown();
            }
        });
        NodeConfig config = NodeConfig.of("no", dir.resolve("tdb"), 0).withData(Checkout.files().data().resolve("no")).withLimits(20_000, 10);
        cappedNode = NationalNode.start(config, Checkout.validator());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {flood, fed, cappedNode})
            try { if (c != null) c.close(); } catch (Exception ignored) { }
    }



    @Test
    void aFloodingMemberIsCutOffAtTheAnswerLimitAndHealthyMembersKeepAnswering() throws Exception {
        var config = FederatorConfig.of(fed.membersAnd(flood.member("flood", Duration.ofSeconds(30))), 0).withMemberAnswerLimit(1 << 20);
        try (Federator f = Federator.start(config, fed.reference)) {
            var r = TestFederation.get(f, QUERY, "");
            assertEquals(502, r.statusCode(), r.body());
            assertTrue(r.body().contains("member flood failed: sent an answer larger than 1048576 bytes"), r.body());
            assertTrue(floodDone.await(20, TimeUnit.SECONDS), "the federator hung up on the flooding member");
            assertTrue(floodSent.get() < 64L << 20, "read no further than about the limit, not the whole flood: " + floodSent.get());
            // The same federator still answers, with the healthy members' rows all there.
            for (int i = 0; i < 3; i++) {
                var partial = TestFederation.get(f, QUERY, "partial=true&");
                assertEquals(200, partial.statusCode(), partial.body());
                assertEquals("flood", partial.headers().firstValue(FederatedQueryService.MISSING_HEADER).orElse(""));
                var healthy = Http.query(fed.federator.sparqlUrl(), QUERY, "application/sparql-results+json");
                assertEquals(rows(healthy.body()), rows(partial.body()));
            }
        }
    }

    @Test
    void aMembersResultCapThatCutsItsAnswerIsNeverTakenAsTheWholeAnswer() throws Exception {
        String nodeUrl = cappedNode.sparqlUrl().replaceAll("/sparql$", "");
        try (Federator f = Federator.start(FederatorConfig.of(List.of(org.cipnet.federation.members.MemberDiscovery.discover("no", nodeUrl)), 0), fed.reference)) {
            String q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }";
            var strict = TestFederation.get(f, q, "");
            assertEquals(502, strict.statusCode(), strict.body());
            assertTrue(strict.body().contains("member no failed: its answer was cut at its result cap of 10 rows"), strict.body());
            var partial = TestFederation.get(f, q, "partial=true&");
            assertEquals(200, partial.statusCode(), partial.body());
            assertEquals("no", partial.headers().firstValue(FederatedQueryService.MISSING_HEADER).orElse(""));
            // A request that asks for no more than the cap is complete at the cap.
            var small = TestFederation.get(f, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 10", "");
            assertEquals(200, small.statusCode(), small.body());
            assertEquals(10, rows(small.body()));
        }
    }

    @Test
    void theFederatorsResultCapRefusesInsteadOfCutting() throws Exception {
        try (Federator f = Federator.start(FederatorConfig.of(fed.members, 0).withResultCap(10), fed.reference)) {
            var over = TestFederation.get(f, QUERY, "");
            assertEquals(422, over.statusCode(), over.body());
            assertTrue(over.body().contains("more than 10 rows, the federator's result cap"), over.body());
            var overPartial = TestFederation.get(f, QUERY, "partial=true&");
            assertEquals(422, overPartial.statusCode(), overPartial.body());
            var construct = Http.query(f.sparqlUrl(), "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle");
            assertEquals(422, construct.statusCode(), construct.body());
            var limited = TestFederation.get(f, QUERY + " LIMIT 10", "");
            assertEquals(200, limited.statusCode(), limited.body());
            assertEquals(10, rows(limited.body()));
            var fits = TestFederation.get(f, QueryGenerator.PREFIX + "SELECT ?c WHERE { ?c p:rank ?r }", "");
            assertEquals(200, fits.statusCode(), fits.body());
            assertEquals(5, rows(fits.body()));
        }
    }

    @Test
    void aQueryNeedingTooManyMemberRequestsIsRefused() {
        try (Federator f = Federator.start(FederatorConfig.of(fed.members, 0).withMaxMemberRequests(20), fed.reference)) {
            var r = Http.query(f.sparqlUrl(), "DESCRIBE ?s WHERE { ?s ?p ?o }", "text/turtle");
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("more than 20 member requests"), r.body());
            var ok = TestFederation.get(f, QUERY, "");
            assertEquals(200, ok.statusCode(), ok.body());
        }
    }

    @Test
    void aCompressedQueryBodyThatExpandsHugelyIsRefusedAndSmallOnesWork() throws Exception {
        String url = fed.federator.sparqlUrl();
        var huge = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(huge)) {
            gz.write("SELECT * WHERE { ?s ?p ?o } LIMIT 1 #".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) gz.write(spaces);
        }
        assertTrue(huge.size() < 1 << 20, "small on the wire: " + huge.size());
        assertEquals(413, post(url, huge.toByteArray(), "gzip").statusCode());
        var small = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(small)) {
            gz.write("SELECT * WHERE { ?s ?p ?o } LIMIT 1".getBytes(StandardCharsets.UTF_8));
        }
        var ok = post(url, small.toByteArray(), "gzip");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(1, rows(ok.body()));
        byte[] long_ = ("SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + " ".repeat(2 << 20)).getBytes(StandardCharsets.UTF_8);
        assertEquals(413, post(url, long_, null).statusCode());
    }

    private static java.net.http.HttpResponse<String> post(String url, byte[] body, String encoding) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) b.header("Content-Encoding", encoding);
        return java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static int rows(String json) throws IOException {
        return new ObjectMapper().readTree(json).get("results").get("bindings").size();
    }
}
