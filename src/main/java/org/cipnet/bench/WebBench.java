package org.cipnet.bench;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page latency of a running Yellow Pages (e.g. {@code cipnet demo}) with 1 and 8 concurrent
 * visitors: the README's searches and every cluster's profile, each visitor going through the
 * list from its own starting point. Bounded in requests and time; loopback addresses only.
 */
public final class WebBench {
    /** The searches the README and the issue name. */
    static final List<String> SEARCHES = List.of("", "riga", "Klynge", "NCE", "medtech oslo", "fish", "NCE Subsea", "oslo medt", "Rīga");

    public record Result(String page, int users, int requests, double medianMs, double p90Ms, int errors) {}

    private WebBench() {}

    public static List<Result> run(String base, List<Integer> users, int perUser, PrintStream progress) throws Exception {
        URI b = URI.create(base.endsWith("/") ? base : base + "/");
        if (!InetAddress.getByName(b.getHost()).isLoopbackAddress())
            throw new IllegalArgumentException("--web measures a Yellow Pages on this machine only (a loopback address), not " + b.getHost());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> profiles = new LinkedHashSet<>();
        Matcher m = Pattern.compile("href=\"/cluster\\?id=([^\"&]+)\"").matcher(get(http, b.resolve("/")).body());
        while (m.find()) profiles.add("/cluster?id=" + URLEncoder.encode(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        if (profiles.isEmpty()) throw new IllegalStateException("no cluster profile is linked from " + b);
        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("search", SEARCHES.stream().map(q -> "/?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).toList());
        pages.put("profile", List.copyOf(profiles));
        // Warm-up: every page once, one visitor; reported as the first visit (a profile is then read from the federator).
        List<Result> out = new ArrayList<>();
        for (var e : pages.entrySet()) {
            List<Double> first = new ArrayList<>();
            for (String p : e.getValue()) {
                long t0 = System.nanoTime();
                get(http, b.resolve(p));
                first.add((System.nanoTime() - t0) / 1e6);
            }
            Collections.sort(first);
            Result r = new Result(e.getKey() + " (first visit)", 1, first.size(), percentile(first, 0.5), percentile(first, 0.9), 0);
            progress.printf("  %-22s 1 user : median %.1f ms, p90 %.1f ms (%d requests)%n", r.page(), r.medianMs(), r.p90Ms(), r.requests());
            out.add(r);
        }
        for (var e : pages.entrySet())
            for (int u : users) {
                Result r = measure(http, b, e.getKey(), e.getValue(), u, perUser);
                progress.printf("  %-22s %d user%s: median %.1f ms, p90 %.1f ms (%d requests, %d errors)%n", r.page(), u, u == 1 ? " " : "s",
                        r.medianMs(), r.p90Ms(), r.requests(), r.errors());
                out.add(r);
            }
        return out;
    }

    private static Result measure(HttpClient http, URI b, String name, List<String> paths, int users, int perUser) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users);
        List<Double> times = Collections.synchronizedList(new ArrayList<>());
        int[] errors = {0};
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int start = u * paths.size() / users;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < perUser && System.nanoTime() < deadline; i++) {
                        long t0 = System.nanoTime();
                        try {
                            if (get(http, b.resolve(paths.get((start + i) % paths.size()))).statusCode() != 200) synchronized (errors) { errors[0]++; }
                        } catch (Exception ex) {
                            synchronized (errors) { errors[0]++; }
                        }
                        times.add((System.nanoTime() - t0) / 1e6);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdownNow();
        }
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return new Result(name, users, sorted.size(), percentile(sorted, 0.5), percentile(sorted, 0.9), errors[0]);
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) return Double.NaN;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }

    private static HttpResponse<String> get(HttpClient http, URI u) throws Exception {
        return http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(30)).header("Accept-Language", "en").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
