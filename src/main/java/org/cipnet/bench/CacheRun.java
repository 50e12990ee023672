package org.cipnet.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Repeat queries against the federator with its result cache on: each query once (a miss: the
 * members answer), then {@code repeats} times unchanged (hits, unless a member was asked again) and
 * {@code repeats} times with {@code If-None-Match} (304 expected). A hit is a repeat during which no
 * member served a SPARQL request; a cached answer must be byte-identical to the first.
 */
public final class CacheRun {
    private CacheRun() {}

    /**
     * One query's repeat runs.
     *
     * @param missMillis       the first run
     * @param hitMillis        median of the unchanged repeats
     * @param revalidateMillis median of the conditional repeats
     * @param hits             repeats answered without asking a member
     * @param notModified      conditional repeats answered 304
     */
    public record Measurement(String query, double missMillis, double hitMillis, double revalidateMillis, int repeats, int hits,
                              int notModified, boolean sameAnswer) {}

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static List<Measurement> run(Testbed bed, List<BenchQuery> queries, int repeats, long timeoutMillis, PrintStream progress) {
        List<Measurement> out = new ArrayList<>();
        progress.printf("  result cache: %d queries, %d repeats each ...%n", queries.size(), repeats);
        for (BenchQuery q : queries) {
            try {
                String url = bed.cachedSparqlUrl() + "?query=" + URLEncoder.encode(q.text(), StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                HttpResponse<String> first = get(url, timeoutMillis);
                double miss = (System.nanoTime() - t0) / 1e6;
                if (first.statusCode() != 200) continue;
                String etag = first.headers().firstValue("ETag").orElse(null);
                List<Double> hit = new ArrayList<>(), revalidate = new ArrayList<>();
                int hits = 0, notModified = 0;
                boolean same = true;
                for (int k = 0; k < repeats; k++) {
                    long before = bed.traffic()[0];
                    t0 = System.nanoTime();
                    HttpResponse<String> r = get(url, timeoutMillis);
                    hit.add((System.nanoTime() - t0) / 1e6);
                    if (bed.traffic()[0] == before) hits++;
                    same &= r.body().equals(first.body());
                }
                for (int k = 0; k < repeats && etag != null; k++) {
                    t0 = System.nanoTime();
                    HttpResponse<String> r = get(url, timeoutMillis, "If-None-Match", etag);
                    revalidate.add((System.nanoTime() - t0) / 1e6);
                    if (r.statusCode() == 304) notModified++;
                }
                out.add(new Measurement(q.name(), miss, median(hit), median(revalidate), repeats, hits, notModified, same));
            } catch (Exception e) {
                progress.println("  result cache: " + q.name() + " failed: " + e.getMessage());
            }
        }
        return out;
    }

    private static HttpResponse<String> get(String url, long timeoutMillis, String... headers) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(timeoutMillis))
                .header("Accept", "application/sparql-results+json").GET();
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) return Double.NaN;
        List<Double> s = xs.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
