package org.cipnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A benchmark's outcome: the main comparison (every system, every query), the scaling runs, and
 * publication throughput; written as {@code report.md}, {@code report.json} and two SVG charts.
 */
public record Report(String date, String machine, Run main, List<Run> scaling, Throughput throughput, List<CacheRun.Measurement> cache) {

    /** One configuration and everything measured on it. */
    public record Run(int members, long triples, double gateSeconds, double bulkSeconds, double gateCpuSeconds, double bulkCpuSeconds,
                      double gateJitSeconds, double bulkJitSeconds, List<Measurement> results) {
        public long triplesPerMember() { return triples / Math.max(1, members); }

        Measurement of(String query, String system) {
            return results.stream().filter(m -> m.query().equals(query) && m.system().equals(system)).findFirst().orElse(null);
        }

        List<String> queries() {
            return results.stream().map(Measurement::query).distinct().toList();
        }

        List<String> systems() {
            return results.stream().map(Measurement::system).distinct().toList();
        }

        /** Geometric mean over the queries both systems answered of median(a) / median(b). */
        double ratio(String a, String b, Predicate<Measurement> which) {
            double log = 0;
            int n = 0;
            for (String q : queries()) {
                Measurement x = of(q, a), y = of(q, b);
                if (x == null || y == null || !x.answered() || !y.answered() || !which.test(x)) continue;
                log += Math.log(Math.max(x.median(), 0.01) / Math.max(y.median(), 0.01));
                n++;
            }
            return n == 0 ? Double.NaN : Math.exp(log / n);
        }

        double geomean(String system) {
            double log = 0;
            int n = 0;
            for (Measurement m : results)
                if (m.system().equals(system) && m.answered()) { log += Math.log(Math.max(m.median(), 0.01)); n++; }
            return n == 0 ? Double.NaN : Math.exp(log / n);
        }
    }

    /** Triples per second into a member: through the publish gate (parse, SHACL, ownership, TDB2, VoID) and as a raw TDB2 bulk load. */
    public record Throughput(long triples, double gatePerSecond, double bulkPerSecond, double gateCpuSeconds, double bulkCpuSeconds,
                             double gateJitSeconds, double bulkJitSeconds) {
        public static Throughput of(Run r) {
            return new Throughput(r.triples(), r.triples() / r.gateSeconds(), r.triples() / r.bulkSeconds(), r.gateCpuSeconds(), r.bulkCpuSeconds(),
                    r.gateJitSeconds(), r.bulkJitSeconds());
        }
    }

    public boolean cipnetExact() {
        return all().stream().filter(m -> m.system().equals("cipnet")).allMatch(Measurement::matches);
    }

    /** Every measurement of every run. */
    public List<Measurement> all() {
        List<Measurement> out = new ArrayList<>(main.results());
        scaling.forEach(r -> out.addAll(r.results()));
        return out;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(), this);
        Files.writeString(dir.resolve("report.md"), markdown());
        Files.writeString(dir.resolve("latency.svg"), Charts.latency(main));
        if (!scaling.isEmpty()) Files.writeString(dir.resolve("scaling.svg"), Charts.scaling(scaling));
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# cipnet bench\n\n").append(date).append(" · ").append(machine).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Main run: %d members × %,d triples (%,d in all), %s.%n%n",
                main.members(), main.triplesPerMember(), main.triples(), String.join(", ", main.systems())));
        sb.append(summary()).append('\n');
        sb.append("## Per query\n\nEach cell: median ms (min–max, n timed runs after the warm-up); requests the members served (for a federator, next to the ideal: the members holding data the answer is made of) and KB they answered, per run; rows; ✓ = same answer as the central store.\n\n");
        List<String> systems = main.systems();
        sb.append("| query | shape |");
        systems.forEach(s -> sb.append(' ').append(s).append(" |"));
        sb.append("\n|---|---|");
        systems.forEach(s -> sb.append("---|"));
        sb.append('\n');
        for (String q : main.queries()) {
            sb.append("| ").append(q).append(" | ").append(main.of(q, systems.get(0)).shape()).append(" |");
            for (String s : systems) sb.append(' ').append(cell(main.of(q, s))).append(" |");
            sb.append('\n');
        }
        sb.append("\n![latency](latency.svg)\n");
        if (!cache.isEmpty()) {
            sb.append("\n## Result cache (repeat queries at a federator with the cache on)\n\n"
                    + "Each query once (the members answer), then unchanged repeats (from memory when no member is asked) and repeats with "
                    + "`If-None-Match` (304). Median ms.\n\n| query | first run | repeat | hits | conditional repeat | 304s | same answer |\n|---|---:|---:|---:|---:|---:|---|\n");
            for (CacheRun.Measurement c : cache)
                sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %d/%d | %.1f | %d/%d | %s |%n", c.query(), c.missMillis(), c.hitMillis(),
                        c.hits(), c.repeats(), c.revalidateMillis(), c.notModified(), c.repeats(), c.sameAnswer() ? "✓" : "**differs**"));
        }
        if (!scaling.isEmpty()) {
            sb.append("\n## Scaling (cipnet and the central store; geometric mean of query medians over the benchmark shapes)\n\n");
            sb.append("| members | triples per member | triples | cipnet ms | central ms | cipnet / central | cipnet answers that differ |\n|---|---|---|---|---|---|---|\n");
            for (Run r : scaling)
                sb.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %.1f | %.1f | %.2f | %d |%n", r.members(), r.triplesPerMember(), r.triples(),
                        r.geomean("cipnet"), r.geomean("central"), r.ratio("cipnet", "central", m -> true),
                        r.results().stream().filter(m -> m.system().equals("cipnet") && !m.matches()).count()));
            sb.append("\nPer query and run: cipnet ms / central ms; member requests per cipnet run.\n\n| query |");
            scaling.forEach(r -> sb.append(String.format(Locale.ROOT, " %d × %,d |", r.members(), r.triplesPerMember())));
            sb.append("\n|---|").append("---|".repeat(scaling.size())).append('\n');
            for (String q : scaling.get(0).queries()) {
                sb.append("| ").append(q).append(" |");
                for (Run r : scaling) {
                    Measurement c = r.of(q, "cipnet"), z = r.of(q, "central");
                    sb.append(c == null || z == null ? " |" : !c.answered() || !z.answered() ? " error |"
                            : String.format(Locale.ROOT, " %.1f / %.1f; %.0f req%s |", c.median(), z.median(), c.requests(), c.matches() ? "" : " **differs**"));
                }
                sb.append('\n');
            }
            sb.append("\n![scaling](scaling.svg)\n");
        }
        sb.append(String.format(Locale.ROOT, "%n## Publication throughput (%,d triples)%n%n| path | triples/s |%n|---|---|%n"
                        + "| publish gate: parse + SHACL + ownership + TDB2 transaction + VoID | %,.0f |%n| raw TDB2 bulk load of the same files | %,.0f |%n%n"
                        + "The gate runs at %.2f× the bulk loader's rate. Both clocks cover creating the store, its reference graph and the data"
                        + " (the gate's: each member's node starting with its data, its server included, summed over the members; the bulk loader's: a store for the union,"
                        + " the fastest of %d loads into new stores), after both paths"
                        + " ran untimed on a member as large as a timed one (up to about 100k triples), %d times (HotSpot's compilers"
                        + " reach the gate's code over several publications), and after a full garbage collection before each timed load; the members' downloads are written off the clock. In CPU time of the"
                        + " bench's process, which other load on the machine changes less: gate %.1f s, bulk load %.1f s, %.2f×; of that, HotSpot's"
                        + " compiler threads (JIT): gate %.1f s, bulk load %.1f s.%n",
                throughput.triples(), throughput.gatePerSecond(), throughput.bulkPerSecond(), throughput.gatePerSecond() / throughput.bulkPerSecond(),
                Testbed.BULK_LOADS, Testbed.WARM_UP_ROUNDS,
                throughput.gateCpuSeconds(), throughput.bulkCpuSeconds(), throughput.bulkCpuSeconds() / throughput.gateCpuSeconds(),
                throughput.gateJitSeconds(), throughput.bulkJitSeconds()));
        return sb.toString();
    }

    /** The summary lines the README quotes. */
    public String summary() {
        StringBuilder sb = new StringBuilder("## Summary\n\n| measure | value |\n|---|---|\n");
        Map<String, String> rows = new LinkedHashMap<>();
        long differ = all().stream().filter(m -> m.system().equals("cipnet") && !m.matches()).count();
        rows.put("cipnet answers that differ from the central store (all runs)", Long.toString(differ));
        rows.put("cipnet / central, all queries (geometric mean of medians)", fmt(main.ratio("cipnet", "central", m -> true)));
        List<Measurement> cipnet = main.results().stream().filter(m -> m.system().equals("cipnet") && m.answered() && m.ideal() >= 0).toList();
        long atIdeal = cipnet.stream().filter(m -> Math.round(m.requests()) <= m.ideal()).count();
        rows.put("cipnet member requests / ideal (members holding data the answer uses; sums over the queries)", String.format(Locale.ROOT,
                "%.0f / %d; %d of %d queries at the ideal", cipnet.stream().mapToDouble(Measurement::requests).sum(),
                cipnet.stream().mapToInt(Measurement::ideal).sum(), atIdeal, cipnet.size()));
        rows.put("cipnet / central, aggregate and member-local queries", fmt(main.ratio("cipnet", "central", m -> isAggregateOrLocal(m))));
        if (main.systems().contains("fedx")) {
            rows.put("cipnet / FedX, all queries", fmt(main.ratio("cipnet", "fedx", m -> true)));
            rows.put("cipnet / FedX, aggregates and top-k", fmt(main.ratio("cipnet", "fedx",
                    m -> m.shape().equals("aggregate") || m.shape().equals("count-distinct") || m.shape().equals("top-k"))));
            List<String> slower = main.queries().stream().filter(q -> {
                Measurement c = main.of(q, "cipnet"), f = main.of(q, "fedx");
                return c != null && f != null && c.answered() && f.answered() && c.median() > f.median();
            }).toList();
            rows.put("queries where cipnet is slower than FedX", slower.isEmpty() ? "none" : String.join(", ", slower));
            List<String> fedxDiffers = main.results().stream().filter(m -> m.system().equals("fedx") && !m.matches())
                    .map(m -> m.query() + (m.answered() ? "" : " (error)")).toList();
            rows.put("FedX answers that differ from the central store or fail", fedxDiffers.isEmpty() ? "none" : String.join(", ", fedxDiffers));
        }
        if (!cache.isEmpty()) {
            long hits = cache.stream().mapToLong(CacheRun.Measurement::hits).sum(), runs = cache.stream().mapToLong(CacheRun.Measurement::repeats).sum();
            rows.put("result cache: repeats answered from memory", String.format(Locale.ROOT, "%d of %d (%.0f%%)", hits, runs, 100.0 * hits / Math.max(1, runs)));
            double log = 0;
            for (CacheRun.Measurement c : cache) log += Math.log(Math.max(c.hitMillis(), 0.01) / Math.max(c.missMillis(), 0.01));
            rows.put("result cache: repeat / first run (geometric mean)", fmt(Math.exp(log / cache.size())));
        }
        rows.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        return sb.toString();
    }

    private static boolean isAggregateOrLocal(Measurement m) {
        return BenchQueries.shapes().stream().anyMatch(q -> q.name().equals(m.query()) && q.aggregateOrMemberLocal());
    }

    private static String cell(Measurement m) {
        if (m == null) return "";
        if (!m.answered()) return "**error**: " + m.check().substring("error: ".length()).replace("|", "\\|");
        String check = m.check().equals("reference") ? "" : m.matches() ? " ✓" : " **differs**";
        String ideal = m.check().equals("reference") || m.ideal() < 0 ? "" : " (ideal " + m.ideal() + ")";
        return String.format(Locale.ROOT, "%.1f (%.1f–%.1f, n=%d); %.0f req%s, %.1f KB; %d rows%s", m.median(), m.min(), m.max(),
                m.millis().size(), m.requests(), ideal, m.bytes() / 1024, m.rows(), check);
    }

    private static String fmt(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
