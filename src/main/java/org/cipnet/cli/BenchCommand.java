package org.cipnet.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cipnet.bench.BenchQueries;
import org.cipnet.bench.BenchQuery;
import org.cipnet.bench.CacheRun;
import org.cipnet.bench.Measurement;
import org.cipnet.bench.Report;
import org.cipnet.bench.Runner;
import org.cipnet.bench.SyntheticGraphs;
import org.cipnet.bench.Testbed;
import org.cipnet.rdf.ProjectFiles;
import org.cipnet.validation.Validator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet bench}: the federator against FedX and one central store, on generated data. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the cipnet federator against one central Fuseki holding all the data and against FedX,",
            "on generated members (real nodes, TDB2, loopback). Writes report.md, report.json, latency.svg and",
            "scaling.svg to --out. Latency is reported as medians and ratios measured in the same run; nothing is asserted",
            "about time. Exit code 1 when cipnet or the central store fails to answer or cipnet's answer differs from the",
            "central store's (with --quick also when FedX fails or differs; otherwise the report lists FedX's failures)."})
final class BenchCommand implements Callable<Integer> {
    /** Triples the generator writes per cluster organisation, on average (see SyntheticGraphs). */
    private static final double TRIPLES_PER_ORGANISATION = 65.5;

    @Spec
    CommandSpec spec;

    @Option(names = "--members", defaultValue = "10", description = "Members in the main comparison. Default: ${DEFAULT-VALUE}.")
    int members;

    @Option(names = "--triples", defaultValue = "100000", description = "Triples per member in the main comparison (approximate). Default: ${DEFAULT-VALUE}.")
    long triples;

    @Option(names = "--repeat", defaultValue = "5", description = "Timed runs per query and system, after the warm-up. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--timed-seconds", defaultValue = "1", description = "After --repeat, timed runs per query and system go on until this many seconds of them have run (at most "
            + Runner.MAX_TIMED_RUNS + ", never past --budget), so that a query of a few milliseconds has a steady median; 0 for --repeat runs only. Default: ${DEFAULT-VALUE}.")
    double timedSeconds;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed runs per query and system first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "2", description = "After --warmup, untimed runs per query and system go on until this many seconds of them have run (at most "
            + Runner.MAX_WARMUP_RUNS + "), so that every system is timed with its code compiled, as a long-running endpoint is; 0 for --warmup runs only. Default: ${DEFAULT-VALUE}.")
    double warmupSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--cross-ratio", defaultValue = "0.1", description = "Share of cluster organisations collaborating with one in another member. Default: ${DEFAULT-VALUE}.")
    double crossRatio;

    @Option(names = "--scale-members", split = ",", defaultValue = "3,10,30",
            description = "Member counts of the scaling runs (at --triples per member). Default: ${DEFAULT-VALUE}.")
    List<Integer> scaleMembers;

    @Option(names = "--scale-triples", split = ",", defaultValue = "10000,100000,1000000",
            description = "Triples per member of the scaling runs (at --scale-at members). Default: ${DEFAULT-VALUE}.")
    List<Long> scaleTriples;

    @Option(names = "--scale-at", defaultValue = "3", description = "Members in the triples-per-member scaling runs. Default: ${DEFAULT-VALUE}.")
    int scaleAt;

    @Option(names = "--scale-runs", split = ",", defaultValue = "100x10000", paramLabel = "MEMBERSxTRIPLES",
            description = {"Further scaling runs, each as members x triples per member (e.g. 100x10000: a wide federation of small members).",
                "Default: ${DEFAULT-VALUE}."})
    List<String> scaleRuns;

    @Option(names = "--scale-repeat", defaultValue = "3", description = "Timed runs per query in the scaling runs. Default: ${DEFAULT-VALUE}.")
    int scaleRepeat;

    @Option(names = "--budget", defaultValue = "20", description = {"Seconds of timed runs per query and system: a slow system gets fewer than --repeat runs",
            "(at least one). Default: ${DEFAULT-VALUE}."})
    int budgetSeconds;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds a system may take for one query before it counts as failed. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--queries", description = "Only the queries whose name matches this regular expression (for tuning), e.g. 'top-k|^08'.")
    java.util.regex.Pattern only;

    @Option(names = "--no-scaling", description = "Skip the scaling runs.")
    boolean noScaling;

    @Option(names = "--no-fedx", description = "Leave FedX out of the main comparison.")
    boolean noFedX;

    @Option(names = "--quick", description = {"Smoke test for CI: 3 small members, the benchmark shapes once each (no catalogue, no scaling runs);",
            "fails on any error or any answer that differs, FedX's included."})
    boolean quick;

    @Option(names = "--web", paramLabel = "URL", description = {"Instead: page latency of a running Yellow Pages on this machine (e.g. `cipnet demo`,",
            "http://localhost:8080/) with 1 and 8 concurrent visitors, for the README's searches and every profile."})
    String web;

    @Option(names = "--web-requests", defaultValue = "40", description = "With --web: requests per visitor and page kind. Default: ${DEFAULT-VALUE}.")
    int webRequests;

    @Option(names = "--soak", description = {"Instead of the comparison: the soak run — a federator over 3 healthy in-memory members, one member",
            "flooding an endless answer and one hanging, asked strict and partial by several clients (loopback, bounded in time and count);",
            "reports every outcome, heap and threads; exit code 1 on any unexpected answer."})
    boolean soak;

    @Option(names = "--soak-seconds", defaultValue = "60", description = "Longest soak run, in seconds. Default: ${DEFAULT-VALUE}.")
    int soakSeconds;

    @Option(names = "--soak-queries", defaultValue = "400", description = "Most queries in the soak run. Default: ${DEFAULT-VALUE}.")
    int soakQueries;

    @Option(names = "--soak-clients", defaultValue = "4", description = "Clients asking at once in the soak run. Default: ${DEFAULT-VALUE}.")
    int soakClients;

    @Option(names = "--out", defaultValue = "target/bench", description = "Report directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--work", description = "Where stores and generated data go (default: a temporary directory, deleted after; "
            + "kept here for inspection, cleared at the start of each run).")
    Path work;

    /** The main run's repeat queries against the federator with its result cache on. */
    private List<CacheRun.Measurement> cacheResults = List.of();

    @Override
    public Integer call() throws Exception {
        PrintStream progress = System.out;
        if (web != null) {
            progress.println("cipnet bench --web " + web);
            org.cipnet.bench.WebBench.run(web, List.of(1, 8), webRequests, progress);
            return 0;
        }
        // One log line per request at every member would be most of the work being measured.
        for (String logger : new String[] {"Fuseki", "Request", "HTTP"})
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.jena.fuseki." + logger, "warn");
        if (soak) {
            var result = org.cipnet.bench.Soak.run(soakSeconds, soakQueries, soakClients, progress);
            String md = org.cipnet.bench.Soak.markdown(result);
            Files.createDirectories(out);
            Files.writeString(out.resolve("soak.md"), md);
            progress.print(md);
            return result.unexpected() == 0 ? 0 : 1;
        }
        if (noScaling) {
            scaleMembers = List.of();
            scaleTriples = List.of();
            scaleRuns = List.of();
        }
        if (quick) {
            members = 3;
            triples = 5_000;
            repeat = 1;
            warmup = 1;
            warmupSeconds = 0;
            timedSeconds = 0;
            timeoutSeconds = Math.min(timeoutSeconds, 30);
            scaleMembers = List.of();
            scaleTriples = List.of();
            scaleRuns = List.of();
        }
        for (String r : scaleRuns)
            if (!r.strip().matches("[1-9][0-9]*x[1-9][0-9]*"))
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--scale-runs: '" + r + "' is not MEMBERSxTRIPLES (e.g. 100x10000)");
        ProjectFiles project = ProjectFiles.locate();
        Validator validator = Validator.load(project);
        Path root = work != null ? work : Files.createTempDirectory("cipnet-bench");
        try {
            progress.printf("cipnet bench: main run, %d members x %,d triples%n", members, triples);
            Report.Run main = run(members, triples, !noFedX, warmup, repeat, root.resolve("main"), validator, project, progress, true);
            Map<String, Report.Run> scaling = new LinkedHashMap<>();
            for (int n : scaleMembers) scaling.put(n + "x" + triples, null);
            for (long t : scaleTriples) scaling.put(scaleAt + "x" + t, null);
            for (String r : scaleRuns) scaling.put(r.strip(), null);
            List<Report.Run> scaled = new ArrayList<>();
            for (String key : scaling.keySet()) {
                int n = Integer.parseInt(key.substring(0, key.indexOf('x')));
                long t = Long.parseLong(key.substring(key.indexOf('x') + 1));
                if (n == members && t == triples) {
                    scaled.add(withoutFedX(main));
                    continue;
                }
                progress.printf("cipnet bench: scaling run, %d members x %,d triples%n", n, t);
                scaled.add(run(n, t, false, 1, scaleRepeat, root.resolve(key), validator, project, progress, false));
            }
            Report report = new Report(LocalDate.now().toString(), machine(), main, scaled, Report.Throughput.of(main), cacheResults);
            report.write(out);
            progress.println();
            progress.print(report.summary());
            progress.println("\nreport: " + out.resolve("report.md"));
            return verdict(report, progress);
        } finally {
            if (work == null) DemoCommand.deleteQuietly(root);
        }
    }

    private Report.Run run(int n, long perMember, boolean fedx, int warm, int rep, Path dir, Validator validator, ProjectFiles project,
                           PrintStream progress, boolean withCatalogue) throws Exception {
        int organisations = (int) Math.max(1, Math.round(perMember / TRIPLES_PER_ORGANISATION));
        var params = new SyntheticGraphs.Params(n, organisations, seed, crossRatio);
        // Stores left in --work by an earlier run would skip the publication being measured.
        DemoCommand.deleteQuietly(dir);
        try (Testbed bed = Testbed.start(params, dir, validator, fedx, timeoutSeconds * 1000L, progress)) {
            List<BenchQuery> queries = new ArrayList<>(BenchQueries.shapes());
            if (withCatalogue && !quick) queries.addAll(BenchQueries.catalogue(project.queries(), n));
            if (only != null) queries.removeIf(q -> !only.matcher(q.name()).find());
            var loading = bed.loading();
            progress.printf("  %,d triples in; gate %.1f s (CPU %.1f s, JIT %.1f s), bulk load %.1f s (CPU %.1f s, JIT %.1f s); running %d queries ...%n",
                    loading.triples(), loading.gateSeconds(), loading.gateCpuSeconds(), loading.gateJitSeconds(), loading.bulkSeconds(),
                    loading.bulkCpuSeconds(), loading.bulkJitSeconds(), queries.size());
            List<Measurement> results = Runner.run(bed, queries, new Runner.Warmup(warm, (long) (warmupSeconds * 1000)),
                    new Runner.Timing(rep, (long) (timedSeconds * 1000), budgetSeconds * 1000L), progress);
            if (withCatalogue) cacheResults = CacheRun.run(bed, queries, Math.max(3, rep), timeoutSeconds * 1000L, progress);
            return new Report.Run(n, loading.triples(), loading.gateSeconds(), loading.bulkSeconds(), loading.gateCpuSeconds(),
                    loading.bulkCpuSeconds(), loading.gateJitSeconds(), loading.bulkJitSeconds(), results);
        }
    }

    private static Report.Run withoutFedX(Report.Run r) {
        var shapes = BenchQueries.shapes().stream().map(BenchQuery::name).toList();
        return new Report.Run(r.members(), r.triples(), r.gateSeconds(), r.bulkSeconds(), r.gateCpuSeconds(), r.bulkCpuSeconds(),
                r.gateJitSeconds(), r.bulkJitSeconds(), r.results().stream().filter(m -> !m.system().equals("fedx") && shapes.contains(m.query())).toList());
    }

    private int verdict(Report report, PrintStream progress) {
        List<String> problems = new ArrayList<>();
        for (Measurement m : report.all()) {
            // FedX failing is a finding of the report, not a failure of the run; as a smoke test, FedX
            // must answer (the harness reaches it), but its wrong answers stay findings (it keeps
            // answer to language-fallback ignores the FILTERs inside its OPTIONALs, for one).
            if (m.system().equals("fedx") && !quick) continue;
            if (!m.answered()) problems.add(m.system() + " failed on " + m.query() + ": " + m.check());
            else if (!m.matches() && !m.system().equals("fedx")) problems.add(m.system() + " differs on " + m.query() + ": " + m.check());
        }
        problems.forEach(p -> progress.println("PROBLEM: " + p));
        return problems.isEmpty() ? 0 : 1;
    }

    static String machine() {
        String cpu = "unknown CPU";
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (Exception ignored) {
            // not Linux: the CPU model is left out
        }
        long gb = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 30;
        return String.format("%s, %d cores, %d GB, %s %s, Java %s", cpu, Runtime.getRuntime().availableProcessors(), gb,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
