package org.cipnet.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.cipnet.federation.Federator;
import org.cipnet.federation.FederatorConfig;
import org.cipnet.federation.members.Member;
import org.cipnet.http.ResponseBuffer;

import com.sun.net.httpserver.HttpServer;

/**
 * The soak run ({@code cipnet bench --soak}): a federator over healthy in-memory members plus one
 * member that floods an endless answer and one that hangs, asked the same few questions over and
 * over from several clients, strict and partial, for a bounded time and count, on loopback. Every
 * answer must be the expected one — strict: 502 naming a faulty member; partial: 200 naming both,
 * with exactly the healthy members' rows — and the heap and threads must stay bounded.
 */
public final class Soak {
    public record Result(int queries, Map<String, Integer> outcomes, int unexpected, long maxHeapBytes, long finalHeapBytes,
                         int threadsBefore, int threadsAfter, long floodBytesSent, double seconds, long slowestMillis, List<String> examples) {}

    private static final String PREFIX = "PREFIX cip: <https://w3id.org/cipnet/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ";
    private static final List<String> QUERIES = List.of(
            PREFIX + "SELECT ?c ?l WHERE { ?c a cip:ClusterOrganisation ; skos:prefLabel ?l }",
            PREFIX + "SELECT ?c WHERE { ?c a cip:ClusterOrganisation FILTER NOT EXISTS { ?c cip:industrialEcosystem ?e } }",
            PREFIX + "SELECT ?c ?e WHERE { ?c a cip:ClusterOrganisation OPTIONAL { ?c cip:industrialEcosystem ?e } }",
            PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?p cip:participant ?c ; cip:programme ?g }");

    private Soak() {}

    /** Runs until {@code seconds} have passed or {@code maxQueries} were answered, with {@code clients} at once. */
    public static Result run(int seconds, int maxQueries, int clients, PrintStream progress) throws Exception {
        List<FusekiServer> stores = new ArrayList<>();
        List<Member> healthy = new ArrayList<>();
        SyntheticGraphs.Params params = new SyntheticGraphs.Params(3, 40, 1, 0.1);
        for (int i = 0; i < 3; i++) {
            Graph g = SyntheticGraphs.member(params, i);
            DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
            g.find().forEachRemaining(dsg.getDefaultGraph()::add);
            FusekiServer s = ResponseBuffer.ofJettyDefaultSize(FusekiServer.create().port(0).loopback(true).add("/m" + i, dsg, false).build()).start();
            stores.add(s);
            healthy.add(new Member(SyntheticGraphs.memberName(i), "http://localhost:" + s.getHttpPort() + "/m" + i + "/sparql",
                    SyntheticGraphs.space(i), null, Duration.ofSeconds(10), 4));
        }
        AtomicLong floodSent = new AtomicLong();
        ExecutorService fakeThreads = Executors.newCachedThreadPool(daemon("soak-fake"));
        HttpServer flood = fake(fakeThreads, out -> {
            out.write("{\"head\":{\"vars\":[\"c\"]},\"results\":{\"bindings\":[".getBytes(StandardCharsets.UTF_8));
            byte[] row = "{\"c\":{\"type\":\"uri\",\"value\":\"https://w3id.org/cipnet/flood/x\"}},\n".getBytes(StandardCharsets.UTF_8);
            for (long sent = 0; sent < 1L << 30; sent += row.length) { // at most 1 GiB per request, unless the federator hangs up first
                out.write(row);
                floodSent.addAndGet(row.length);
            }
        });
        HttpServer hang = fake(fakeThreads, out -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Member> members = new ArrayList<>(healthy);
        members.add(new Member("flood", "http://127.0.0.1:" + flood.getAddress().getPort() + "/sparql", "https://w3id.org/cipnet/flood/", null, Duration.ofSeconds(5), 4));
        members.add(new Member("hang", "http://127.0.0.1:" + hang.getAddress().getPort() + "/sparql", "https://w3id.org/cipnet/hang/", null, Duration.ofSeconds(2), 4));
        Graph reference = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        AtomicInteger unexpected = new AtomicInteger(), answered = new AtomicInteger();
        AtomicLong maxHeap = new AtomicLong(), maxMillis = new AtomicLong();
        var memory = ManagementFactory.getMemoryMXBean();
        int threadsBefore;
        long t0 = System.nanoTime();
        long finalHeap;
        int threadsAfter;
        try (Federator base = Federator.start(FederatorConfig.of(healthy, 0), reference);
             Federator fed = Federator.start(FederatorConfig.of(members, 0).withTimeout(30_000).withMemberAnswerLimit(8L << 20), reference)) {
            Map<String, Integer> expectedRows = new ConcurrentHashMap<>();
            for (String q : QUERIES) expectedRows.put(q, rows(ask(http, base.sparqlUrl(), q, false).body()));
            threadsBefore = threads();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService clientPool = Executors.newFixedThreadPool(clients, daemon("soak-client"));
            ExecutorService sampler = Executors.newSingleThreadExecutor(daemon("soak-heap"));
            sampler.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try { Thread.sleep(200); } catch (InterruptedException e) { return; }
                }
            });
            AtomicInteger issued = new AtomicInteger();
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++)
                running.add(clientPool.submit(() -> {
                    int n;
                    while (System.nanoTime() < deadline && (n = issued.getAndIncrement()) < maxQueries) {
                        String q = QUERIES.get(n % QUERIES.size());
                        boolean partial = (n / QUERIES.size()) % 2 == 1;
                        String outcome;
                        boolean ok;
                        long q0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = ask(http, fed.sparqlUrl(), q, partial);
                            String missing = r.headers().firstValue("X-Cipnet-Missing-Members").orElse("");
                            if (partial) {
                                ok = r.statusCode() == 200 && missing.contains("flood") && missing.contains("hang") && rows(r.body()) == expectedRows.get(q);
                                outcome = "partial " + r.statusCode() + (ok ? " (both named, healthy rows whole)" : " " + missing);
                            } else {
                                ok = r.statusCode() == 502 && (r.body().contains("member flood failed") || r.body().contains("member hang failed"));
                                outcome = "strict " + r.statusCode() + (ok ? " (naming a faulty member)" : "");
                            }
                            if (!ok) synchronized (examples) { if (examples.size() < 5) examples.add(outcome + ": " + r.body().lines().findFirst().orElse("")); }
                        } catch (Exception e) {
                            ok = false;
                            outcome = "client error " + e.getClass().getSimpleName();
                        }
                        if (!ok) unexpected.incrementAndGet();
                        answered.incrementAndGet();
                        maxMillis.accumulateAndGet((System.nanoTime() - q0) / 1_000_000, Math::max);
                        synchronized (outcomes) { outcomes.merge(outcome, 1, Integer::sum); }
                    }
                    return null;
                }));
            for (var f : running) f.get();
            clientPool.shutdownNow();
            sampler.shutdownNow();
            // After the storm, the same federator still answers the healthy members' part.
            for (String q : QUERIES)
                if (rows(ask(http, fed.sparqlUrl(), q, true).body()) != expectedRows.get(q)) unexpected.incrementAndGet();
            System.gc();
            finalHeap = memory.getHeapMemoryUsage().getUsed();
            threadsAfter = threads();
        } finally {
            flood.stop(0);
            hang.stop(0);
            fakeThreads.shutdownNow();
            stores.forEach(FusekiServer::stop);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        progress.printf("cipnet bench --soak: %d queries in %.0f s, %d unexpected%n", answered.get(), secs, unexpected.get());
        return new Result(answered.get(), outcomes, unexpected.get(), maxHeap.get(), finalHeap, threadsBefore, threadsAfter, floodSent.get(), secs, maxMillis.get(), examples);
    }

    /** Formats a result as the README's reliability table. */
    public static String markdown(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%d queries in %.0f s, **%d unexpected answers**; slowest answer %,d ms; flooding member sent %,d MB in all%n%n",
                r.queries(), r.seconds(), r.unexpected(), r.slowestMillis(), r.floodBytesSent() >> 20));
        sb.append("| outcome | count |\n| --- | --- |\n");
        r.outcomes().forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        sb.append(String.format("%nheap used: at most %,d MB during the run, %,d MB after it (after GC); threads: %d before, %d after%n",
                r.maxHeapBytes() >> 20, r.finalHeapBytes() >> 20, r.threadsBefore(), r.threadsAfter()));
        r.examples().forEach(e -> sb.append("- unexpected: ").append(e).append('\n'));
        return sb.toString();
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static HttpServer fake(ExecutorService threads, Body body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                ex.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
                ex.sendResponseHeaders(200, 0);
                body.write(ex.getResponseBody());
            } catch (IOException e) {
                // the federator hung up
            }
        });
        s.setExecutor(threads);
        s.start();
        return s;
    }

    private static HttpResponse<String> ask(HttpClient http, String endpoint, String query, boolean partial) throws IOException, InterruptedException {
        String url = endpoint + "?" + (partial ? "partial=true&" : "") + "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Accept", "application/sparql-results+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int rows(String json) {
        try {
            var rs = ResultSetMgr.read(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON);
            int n = 0;
            while (rs.hasNext()) {
                rs.next();
                n++;
            }
            return n;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Live threads of the federator and its clients (the fake members' and this run's own are left out). */
    private static int threads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> !t.getName().startsWith("soak-")).count();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
