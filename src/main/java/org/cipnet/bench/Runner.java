package org.cipnet.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a query set on every system of a testbed, one query and one system at a time so that member
 * traffic is attributable: warm-up runs first, then timed runs; every answer is checked against the
 * central store's. A system that is slow on a query gets fewer timed runs (at least one): after
 * {@code budgetMillis} of timed runs it moves on, so one slow engine cannot eat the whole run; a
 * warm-up run that alone takes longer than the budget counts as the one timed run. After a system
 * fails a query, the next runs wait until the members have finished what it left them ({@link Testbed#settle}).
 */
public final class Runner {
    private record Timed(Measurement measurement, Answer answer) {}

    private Runner() {}

    /** The most untimed runs per query and system. */
    public static final int MAX_WARMUP_RUNS = 200;

    /**
     * Untimed runs before the timed ones: at least {@code runs}, then more until {@code millis} of them
     * have run (at most {@link #MAX_WARMUP_RUNS}). One run is far too few for a query of a few
     * milliseconds: the code a system runs only for it (cipnet's planner and executor, FedX's
     * optimiser) is still interpreted or barely compiled then, while the central store runs the Jena
     * code the members' traffic has compiled already. A fresh federator answered query 10 in 7.5–22 ms
     * over its first six runs, in about 1 ms after 10,000 (a helper's measurement, 2026-12-07).
     */
    public record Warmup(int runs, long millis) {}

    /** The most timed runs per query and system. */
    public static final int MAX_TIMED_RUNS = 100;

    /**
     * Timed runs: at least {@code runs}, then more until {@code floorMillis} of them have run (at most
     * {@link #MAX_TIMED_RUNS}), and none started after {@code budgetMillis}. Five runs of a query of two
     * milliseconds give a median that one garbage collection or one background refresh in two of them
     * moves by half; a second of runs costs little and steadies it, while slow queries keep their few.
     */
    public record Timing(int runs, long floorMillis, long budgetMillis) {}

    public static List<Measurement> run(Testbed bed, List<BenchQuery> queries, Warmup warmup, Timing timing, PrintStream progress) {
        List<Measurement> out = new ArrayList<>();
        int i = 0;
        for (BenchQuery q : queries) {
            Answer reference = null;
            boolean first = true;
            int ideal = bed.idealMembers(q.text());
            StringBuilder line = new StringBuilder(String.format("  [%2d/%d] %-40s", ++i, queries.size(), q.name()));
            for (Engine e : bed.engines()) {
                Timed t = measure(bed, e, q, warmup, timing, first, reference, ideal);
                Measurement m = t.measurement();
                if (first) reference = t.answer();
                first = false;
                out.add(m);
                line.append(String.format(" %s %s", e.name(), m.answered() ? String.format("%.0f ms", m.median()) : "ERROR"));
                if (!m.check().equals("reference")) line.append(String.format(" %.0f req", m.requests()));
                if (!m.matches()) line.append(" (").append(m.check().length() > 80 ? m.check().substring(0, 80) + "…" : m.check()).append(')');
                if (!m.answered()) line.append(String.format(" (members settled in %.1f s)", bed.settle()));
            }
            progress.println(line.append(" (ideal ").append(ideal).append(')'));
            progress.flush();
        }
        return out;
    }

    private static Timed measure(Testbed bed, Engine e, BenchQuery q, Warmup warmup, Timing timing, boolean isReference,
                                 Answer reference, int ideal) {
        List<Double> millis = new ArrayList<>();
        Answer answer = null;
        try {
            long[] before = bed.traffic();
            double spent = 0;
            double warmed = 0;
            for (int k = 0; k < warmup.runs() || (warmed < warmup.millis() && k < MAX_WARMUP_RUNS); k++) {
                before = bed.traffic();
                long t0 = System.nanoTime();
                answer = e.answer(q.text());
                double ms = (System.nanoTime() - t0) / 1e6;
                if (ms > timing.budgetMillis()) { // already over budget: warming up more would not change a run this long
                    millis.add(ms);
                    spent = ms;
                    break;
                }
                warmed += ms;
            }
            if (millis.isEmpty()) before = bed.traffic();
            for (int k = millis.size(); k == 0 || (spent < timing.budgetMillis()
                    && (k < timing.runs() || (spent < timing.floorMillis() && k < MAX_TIMED_RUNS))); k++) {
                long t0 = System.nanoTime();
                answer = e.answer(q.text());
                millis.add((System.nanoTime() - t0) / 1e6);
                spent += millis.get(k);
            }
            long[] after = bed.traffic();
            String check = isReference ? "reference"
                    : reference == null ? "unchecked: the central store did not answer"
                    : answer.equals(reference) ? "same" : "differs: " + answer.difference(reference);
            return new Timed(new Measurement(q.name(), q.shape(), e.name(), millis, (after[0] - before[0]) / (double) millis.size(),
                    (after[1] - before[1]) / (double) millis.size(), answer.size(), check, ideal), answer);
        } catch (Exception | Error x) {
            String msg = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage().lines().findFirst().orElse("");
            return new Timed(new Measurement(q.name(), q.shape(), e.name(), millis, 0, 0, 0, "error: " + msg, ideal), null);
        }
    }
}
