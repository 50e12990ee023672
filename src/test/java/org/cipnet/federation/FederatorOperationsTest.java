package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.federation.members.Member;
import org.cipnet.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * Fair use (429 with Retry-After under a bounded burst on loopback), health and metrics at the
 * federator. The member is a small loopback server that holds its answers until released, so that
 * queries are in flight for as long as the test needs.
 */
class FederatorOperationsTest {
    HttpServer member;
    Federator federator;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger received = new AtomicInteger();

    Federator start(FairUse fairUse, boolean hold) throws Exception {
        member = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        member.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        member.createContext("/", ex -> {
            received.incrementAndGet();
            try {
                if (hold) release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // An empty answer of the form asked for: a boolean to an ASK, no rows to a SELECT.
            String asked = java.net.URLDecoder.decode(ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8)
                    + java.net.URLDecoder.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            byte[] body = (asked.toUpperCase(java.util.Locale.ROOT).contains("ASK")
                    ? "{\"head\":{},\"boolean\":false}"
                    : "{\"head\":{\"vars\":[]},\"results\":{\"bindings\":[]}}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/sparql-results+json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        member.start();
        String url = "http://127.0.0.1:" + member.getAddress().getPort() + "/sparql";
        federator = Federator.start(FederatorConfig.of(List.of(new Member("slow", url, null, null, Duration.ofSeconds(30), 8)), 0),
                GraphFactory.createDefaultGraph(), fairUse, ResultCache.OFF);
        return federator;
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (federator != null) federator.close();
        if (member != null) member.stop(0);
    }

    String query(String predicate) {
        return federator.sparqlUrl() + "?query=" + URLEncoder.encode("SELECT * WHERE { ?s <" + predicate + "> ?o }", StandardCharsets.UTF_8);
    }

    @Test
    void aClientOverItsConcurrencyCapIsToldToRetry() throws Exception {
        start(new FairUse(60, 60, 2), true);
        List<CompletableFuture<Integer>> running = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String q = query("urn:p" + i);
            running.add(CompletableFuture.supplyAsync(() -> Http.get(q, "Accept", "application/sparql-results+json").statusCode()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.get() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(received.get() >= 2, "both queries reached the member");
        var refused = Http.get(query("urn:p2"), "Accept", "application/sparql-results+json");
        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertTrue(refused.body().contains("at most 2"), refused.body());
        var otherSpelling = Http.get(query("urn:p2").replace("/sparql?", "/sparql/?"), "Accept", "application/sparql-results+json");
        assertEquals(429, otherSpelling.statusCode(), "/sparql/, which Fuseki answers as /sparql, has the same limits: " + otherSpelling.body());
        release.countDown();
        for (var f : running) assertEquals(200, f.get(30, TimeUnit.SECONDS));
        assertEquals(200, Http.get(query("urn:p3"), "Accept", "application/sparql-results+json").statusCode(), "admitted again");
    }

    @Test
    void aClientThatUsedItsQueryTimeWaitsUntilItRefills() throws Exception {
        // A budget of 1 ms per hour: the first query uses it up, the burst after it is refused.
        start(new FairUse(0.001, 3600, 0), false);
        assertEquals(200, Http.get(query("urn:a"), "Accept", "application/sparql-results+json").statusCode());
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            var r = Http.get(query("urn:b" + i), "Accept", "application/sparql-results+json");
            if (r.statusCode() == 429) {
                refused++;
                assertTrue(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            }
        }
        assertEquals(5, refused);
    }

    @Test
    void aSmallAnswerLeavesWholeWithItsLength() throws Exception {
        start(FairUse.OFF, false);
        var q = Http.get(query("urn:len"), "Accept", "application/sparql-results+json");
        assertEquals(200, q.statusCode());
        assertEquals(List.of(Integer.toString(q.body().getBytes(StandardCharsets.UTF_8).length)), q.headers().allValues("Content-Length"), "not chunked: " + q.headers().map());
        assertTrue(q.body().contains("\"bindings\""), q.body());
    }

    @Test
    void pingAndMetrics() throws Exception {
        start(FairUse.OFF, false);
        String base = "http://localhost:" + federator.port();
        assertEquals(200, Http.get(base + "/$/ping").statusCode());
        var q = Http.get(query("urn:m"), "Accept", "application/sparql-results+json");
        assertEquals(200, q.statusCode());
        assertTrue(q.headers().firstValue(QueryLog.ID_HEADER).isPresent());
        String metrics = Http.get(base + "/$/metrics").body();
        assertTrue(metrics.matches("(?s).*cipnet_federator_query_seconds_count\\{[^}]*status=\"200\"[^}]*\\} 1\n.*"), metrics);
        assertTrue(metrics.matches("(?s).*cipnet_federator_query_seconds_bucket\\{[^}]*status=\"200\"[^}]*le=\"0\\.1\"\\}.*"), "a latency histogram");
        assertTrue(metrics.matches("(?s).*cipnet_federator_member_requests_total\\{[^}]*member=\"slow\"\\} [1-9].*"), "requests per member");
        assertTrue(metrics.matches("(?s).*cipnet_federator_member_response_bytes_total\\{[^}]*member=\"slow\"\\} [1-9].*"), "bytes per member");
        var elsewhere = Http.get(base + "/sparql/robots.txt", "Accept", "text/turtle");
        assertEquals(404, elsewhere.statusCode(), "a path under the endpoint is no endpoint (nor its Service Description): " + elsewhere.body());
    }

    /** The federation is one default graph: a dataset of the request's own is refused, by its name, before anything runs. */
    @Test
    void aQueryThatNamesItsOwnDatasetIsRefusedSayingWhy() throws Exception {
        start(FairUse.OFF, false);
        String select = "SELECT * WHERE { ?s ?p ?o } LIMIT 1";
        var byParameter = Http.get(federator.sparqlUrl() + "?default-graph-uri=" + URLEncoder.encode("urn:g", StandardCharsets.UTF_8)
                + "&query=" + URLEncoder.encode(select, StandardCharsets.UTF_8), "Accept", "application/sparql-results+json");
        assertEquals(400, byParameter.statusCode(), byParameter.body());
        assertTrue(byParameter.body().contains("default-graph-uri"), byParameter.body());
        var byFrom = Http.get(federator.sparqlUrl() + "?query=" + URLEncoder.encode("SELECT * FROM <urn:g> WHERE { ?s ?p ?o } LIMIT 1", StandardCharsets.UTF_8),
                "Accept", "application/sparql-results+json");
        assertEquals(400, byFrom.statusCode(), byFrom.body());
        assertTrue(byFrom.body().contains("FROM"), byFrom.body());
        assertFalse(byFrom.body().contains("Exception"), "no stack trace: " + byFrom.body());
    }

    /** The meters are registered once and kept: every later query still counts, with its own status. */
    @Test
    void metricsCountEveryQuery() throws Exception {
        start(FairUse.OFF, false);
        String base = "http://localhost:" + federator.port();
        assertEquals(200, Http.get(query("urn:m1"), "Accept", "application/sparql-results+json").statusCode());
        double once = metric(Http.get(base + "/$/metrics").body(), "cipnet_federator_member_requests_total", "member=\"slow\"");
        assertTrue(once >= 1, "the member was asked");
        assertEquals(200, Http.get(query("urn:m2"), "Accept", "application/sparql-results+json").statusCode());
        assertFalse(Http.get(base + "/$/metrics").body().contains("cipnet_federator_kept_plans_total"), "two texts, no plan run twice");
        assertEquals(200, Http.get(query("urn:m1"), "Accept", "application/sparql-results+json").statusCode());
        assertEquals(400, Http.get(base + "/sparql?query=" + java.net.URLEncoder.encode("SELECT * {", java.nio.charset.StandardCharsets.UTF_8)).statusCode());
        String metrics = Http.get(base + "/$/metrics").body();
        assertTrue(metrics.matches("(?s).*\ncipnet_federator_kept_plans_total(\\{[^}]*\\})? 1(\\.0)?\n.*"), "the repeated text ran its kept plan: " + metrics);
        assertEquals(3, metric(metrics, "cipnet_federator_query_seconds_count", "status=\"200\""), metrics);
        assertEquals(1, metric(metrics, "cipnet_federator_query_seconds_count", "status=\"400\""), metrics);
        assertTrue(metric(metrics, "cipnet_federator_member_requests_total", "member=\"slow\"") > once, "the second query's requests counted too");
    }

    /** The value of the Prometheus sample with this name and label. */
    private static double metric(String metrics, String name, String label) {
        var m = java.util.regex.Pattern.compile("(?m)^" + name + "\\{[^}]*" + java.util.regex.Pattern.quote(label) + "[^}]*\\} (\\S+)$").matcher(metrics);
        assertTrue(m.find(), name + " with " + label + " in\n" + metrics);
        return Double.parseDouble(m.group(1));
    }
}
