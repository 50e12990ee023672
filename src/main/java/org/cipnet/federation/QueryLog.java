package org.cipnet.federation;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.cipnet.federation.exec.MemberStats;
import org.cipnet.federation.exec.QueryTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One access-log line and the Prometheus metrics per query at the federator: an id (also sent as
 * {@code X-Cipnet-Query-Id}), the status, the duration (until the last byte of a streamed answer),
 * and per member asked its requests, bytes and failure. Query texts are not logged (explain shows
 * them); the log is {@code cipnet.access} at INFO.
 *
 * <p>Metrics, served with Fuseki's at {@code /$/metrics}: {@code cipnet_federator_query_seconds}
 * (a histogram, by status), {@code cipnet_federator_member_requests_total},
 * {@code _member_response_bytes_total}, {@code _member_errors_total} and
 * {@code _member_timeouts_total} (by member), and the result cache's {@code _cache_hits_total}
 * and {@code _cache_misses_total}.
 */
final class QueryLog implements Filter {
    private static final Logger ACCESS = LoggerFactory.getLogger("cipnet.access");
    static final String ID_HEADER = "X-Cipnet-Query-Id";

    /** Latency histogram buckets: from loopback lookups to queries near the timeout. */
    private static final Duration[] BUCKETS = java.util.stream.LongStream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000)
            .mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private volatile MeterRegistry registry;

    /**
     * Writes the access-log lines, in order, off the request's thread: a small answer is sent only
     * once every filter has returned, so a line written there (the logger's lock, a write to the
     * console) was part of each query's latency. When lines come faster than they are written
     * (10,000 waiting), the request's thread waits for room: none is dropped.
     */
    private final java.util.concurrent.ThreadPoolExecutor writer = writer();

    private static java.util.concurrent.ThreadPoolExecutor writer() {
        var w = new java.util.concurrent.ThreadPoolExecutor(1, 1, 10, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "cipnet-access-log");
                    t.setDaemon(true);
                    return t;
                }, QueryLog::waitOrWrite);
        w.allowCoreThreadTimeOut(true); // no thread kept while no query comes
        return w;
    }

    /**
     * A line that finds the queue full waits for room, keeping the order; once the writer is closing,
     * the query's thread writes it: none is dropped.
     */
    private static void waitOrWrite(Runnable line, java.util.concurrent.ThreadPoolExecutor pool) {
        if (!pool.isShutdown())
            try {
                pool.getQueue().put(line);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        line.run();
    }

    /** Writes the lines still waiting, then stops: the federator is closing (a second, then the rest here). */
    void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) writer.shutdownNow().forEach(Runnable::run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow().forEach(Runnable::run);
        }
    }

    /**
     * The meters once registered, by name and tag: building a meter and looking it up in the registry
     * for every query (a timer with its histogram, two counters per member asked) cost the federator
     * more than its access-log line. The registry is bound once, before the first query.
     */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** Metrics go to Fuseki's registry, which exists only once the server is built. */
    void bind(MeterRegistry registry) {
        this.registry = registry;
    }

    void cache(boolean hit) {
        MeterRegistry r = registry;
        if (r != null) counter(r, hit ? "cipnet_federator_cache_hits" : "cipnet_federator_cache_misses", null, null,
                hit ? "Answers served from the result cache or as 304" : "Cacheable queries answered by the members").increment();
    }

    /** The counter of this name (with this tag, when {@code tag} is not null), registered on first use. */
    private Counter counter(MeterRegistry r, String name, String tag, String value, String description) {
        return counters.computeIfAbsent(tag == null ? name : name + "\n" + tag + "\n" + value, k -> {
            Counter.Builder b = Counter.builder(name).description(description);
            return (tag == null ? b : b.tag(tag, value)).register(r);
        });
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        res.setHeader(ID_HEADER, id);
        long t0 = System.nanoTime();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = res.getStatus();
        } finally {
            record(id, status, System.nanoTime() - t0, (QueryTrace) req.getAttribute(FederatedQueryService.TRACE_ATTRIBUTE));
        }
    }

    private void record(String id, int status, long nanos, QueryTrace trace) {
        Map<String, MemberStats> members = trace == null ? Map.of() : new TreeMap<>(trace.allStats());
        StringBuilder asked = new StringBuilder();
        long requests = 0, bytes = 0;
        for (var e : members.entrySet()) {
            if (asked.length() > 0) asked.append(',');
            asked.append(e.getKey());
            requests += e.getValue().requests.get();
            bytes += e.getValue().bytes.get();
        }
        StringBuilder failed = new StringBuilder();
        if (trace != null) for (QueryTrace.Failure f : trace.failures()) failed.append(failed.length() > 0 ? "," : "").append(f.member());
        if (ACCESS.isInfoEnabled()) {
            String line = "query id=" + id + " status=" + status + " ms=" + nanos / 1_000_000 + " members=" + (asked.length() == 0 ? "-" : asked)
                    + " requests=" + requests + " bytes=" + bytes + (failed.length() == 0 ? "" : " failed=" + failed);
            writer.execute(() -> ACCESS.info(line));
        }
        MeterRegistry r = registry;
        if (r == null) return;
        timers.computeIfAbsent(Integer.toString(status), code -> Timer.builder("cipnet_federator_query")
                .description("Queries at the federator, by HTTP status").tag("status", code).serviceLevelObjectives(BUCKETS)
                .register(r)).record(Duration.ofNanos(nanos));
        if (trace != null && trace.wasPlanKept())
            counter(r, "cipnet_federator_kept_plans", null, null, "Queries that ran the plan kept from an earlier request with the same text").increment();
        members.forEach((m, s) -> {
            counter(r, "cipnet_federator_member_requests", "member", m, "Requests sent to a member").increment(s.requests.get());
            counter(r, "cipnet_federator_member_response_bytes", "member", m, "Bytes of members' answers").increment(s.bytes.get());
        });
        if (trace != null) for (QueryTrace.Failure f : trace.failures()) {
            boolean timeout = f.message().contains("no answer within") || f.message().contains("timed out");
            counter(r, timeout ? "cipnet_federator_member_timeouts" : "cipnet_federator_member_errors", "member", f.member(),
                    timeout ? "Member requests that timed out (after the retry)" : "Member requests that failed otherwise").increment();
        }
    }
}
