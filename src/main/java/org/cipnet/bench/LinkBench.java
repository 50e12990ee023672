package org.cipnet.bench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.cipnet.linking.Batch;
import org.cipnet.linking.Candidate;
import org.cipnet.linking.Countries;
import org.cipnet.linking.LinkQuery;
import org.cipnet.linking.Matcher;
import org.cipnet.linking.NetworkCandidates;
import org.cipnet.rdf.ProjectFiles;
import org.cipnet.validation.Validator;
import org.cipnet.vocab.CIP;

/**
 * {@code cipnet link --bench}: the matcher's throughput on generated records against a generated
 * federation (real nodes and the federator on loopback, as {@code cipnet bench} starts them). Not a
 * test: it prints records per second, and the precision and recall on the generated records.
 */
public final class LinkBench {
    private LinkBench() {}

    /** Generated records: names of generated organisations, varied as records vary, and names of none. */
    record Generated(List<LinkQuery> queries, List<String> expected) {}

    /**
     * @param dir where the generated data and stores go (the caller removes it)
     */
    public static int run(int members, int organisations, int records, ProjectFiles project, Path dir, PrintStream progress, PrintWriter out) throws Exception {
        try (Testbed bed = Testbed.start(new SyntheticGraphs.Params(members, organisations, 1, 0.1), dir, Validator.load(project), false,
                60_000, progress)) {
            long t0 = System.nanoTime();
            Matcher m = NetworkCandidates.load(bed.federatorUrl());
            double load = (System.nanoTime() - t0) / 1e9;
            Generated g = generate(m.candidates(), records, new Random(7));
            // Warm-up: the JIT compiles the scoring loops before the timed run.
            Batch.run(m, g.queries().subList(0, Math.min(1000, records)), 3, new AtomicInteger());
            AtomicInteger done = new AtomicInteger();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            t0 = System.nanoTime();
            List<Batch.Outcome> outcomes = Batch.run(m, g.queries(), 3, done);
            double seconds = (System.nanoTime() - t0) / 1e9;
            // CPU time says what the matcher costs when other processes share the cores (the wall clock then says little).
            double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
            int expected = 0, linked = 0, correct = 0;
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                String want = g.expected().get(i);
                if (want != null) expected++;
                Batch.Outcome o = outcomes.get(i);
                if (o.linked()) {
                    linked++;
                    if (o.best().candidate().iri().equals(want)) correct++;
                    else wrong.add("'" + o.query().name() + "' (" + o.query().country() + ") linked to " + o.best().candidate().iri() + " " + o.best().score()
                            + (o.candidates().size() > 1 ? ", runner-up " + o.candidates().get(1).candidate().iri() + " " + o.candidates().get(1).score() : "")
                            + "; expected " + want);
                }
            }
            out.printf(Locale.ROOT, "link bench: %d members x %d organisations (%,d candidates), candidates read in %.1f s%n",
                    members, organisations, m.candidates().size(), load);
            out.printf(Locale.ROOT, "link bench: %,d records in %.2f s = %,.0f records/s on %d cores (load average %.1f)%n", records, seconds, records / seconds,
                    Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
            out.printf(Locale.ROOT, "link bench: %.2f CPU-seconds = %,.0f records per CPU-second%n", cpuSeconds, records / cpuSeconds);
            out.printf(Locale.ROOT, "link bench: precision %.3f (%d of %d automatic links correct), recall %.3f (%d of %d)%n",
                    linked == 0 ? 1.0 : (double) correct / linked, correct, linked, expected == 0 ? 1.0 : (double) correct / expected, correct, expected);
            wrong.stream().limit(10).forEach(w -> out.println("link bench: wrong link: " + w));
            out.flush();
            return 0;
        }
    }

    static Generated generate(List<Candidate> candidates, int n, Random r) {
        List<Candidate> orgs = candidates.stream().filter(c -> c.types().contains(CIP.ClusterOrganisation)).toList();
        List<LinkQuery> queries = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        String[] forms = {"AS", "AB", "Oy", "ApS", "SIA", "sp. z o.o.", "z.s.", "ehf."};
        for (int i = 0; i < n; i++) {
            Candidate c = orgs.get(r.nextInt(orgs.size()));
            boolean real = r.nextInt(10) < 7;
            List<String> names = new ArrayList<>(c.labels().values());
            String name = names.get(r.nextInt(names.size()));
            if (!real) name = name.replaceAll("-(\\d+)$", "-" + (100_000 + r.nextInt(900_000)));
            switch (r.nextInt(4)) {
                case 0 -> name = name + " " + forms[r.nextInt(forms.length)];
                case 1 -> name = name.toLowerCase(Locale.ROOT);
                case 2 -> {
                    List<String> words = new ArrayList<>(List.of(name.split(" ")));
                    Collections.shuffle(words, r);
                    name = String.join(" ", words);
                }
                default -> { }
            }
            String country = c.country() != null && r.nextInt(10) < 8 ? Countries.alpha2(c.country()) : null;
            queries.add(new LinkQuery(name, Set.of(CIP.ClusterOrganisation), country, null, List.of(), List.of(), null, List.of()));
            expected.add(real ? c.iri() : null);
        }
        return new Generated(queries, expected);
    }
}
