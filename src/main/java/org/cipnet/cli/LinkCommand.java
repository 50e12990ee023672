package org.cipnet.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.bench.LinkBench;
import org.cipnet.linking.Batch;
import org.cipnet.linking.Identifiers;
import org.cipnet.linking.LinkQuery;
import org.cipnet.linking.LinkTurtle;
import org.cipnet.linking.Matcher;
import org.cipnet.linking.NetworkCandidates;
import org.cipnet.linking.RecordFile;
import org.cipnet.linking.Scored;
import org.cipnet.rdf.ProjectFiles;
import org.cipnet.vocab.CIP;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet link}: the reconciliation matcher over a CSV file, writing a review file and the accepted links as Turtle. */
@Command(name = "link", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Link the records of a CSV file to the network's cluster organisations (the matcher of the reconciliation service).",
            "Writes DIR/review.csv (each record, its best candidates with scores and features, the decision) and DIR/links.ttl",
            "(the automatic links to the member's own organisations, as adms:Identifier and skos:exactMatch with PROV), to add",
            "to the member's graph and publish with `cipnet publish`. Exit status: 0 done, 2 bad input or the endpoint failed.",
            "With --bench: records per second against a generated federation (no input needed)."})
class LinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", description = "The records: a CSV file with a header row.")
    Path input;

    @Option(names = "--name-column", paramLabel = "COLUMN", description = "The column holding the name.")
    String nameColumn;

    @Option(names = "--country-column", paramLabel = "COLUMN", description = "Country: ISO alpha-2/alpha-3 code, EU authority IRI or English name.")
    String countryColumn;

    @Option(names = "--city-column", paramLabel = "COLUMN", description = "City.")
    String cityColumn;

    @Option(names = "--region-column", paramLabel = "COLUMN", description = "NUTS (or ISO 3166-2) region code or IRI.")
    String regionColumn;

    @Option(names = "--homepage-column", paramLabel = "COLUMN", description = "Homepage URL or domain.")
    String homepageColumn;

    @Option(names = "--id-column", paramLabel = "COLUMN",
            description = {"The record's external identifier (ECCP URL, Wikidata id, register number): what a link attaches to the",
                "organisation; an identifier the network already holds also decides the match."})
    String idColumn;

    @Option(names = "--registry", paramLabel = "CODE",
            description = {"Registry of the --id-column values (a code of ontology/vocab/registry.ttl: eccp, wikidata, brreg, …).",
                "Default: eccp for clustercollaboration.eu URLs, wikidata for Q-numbers; other values need this option."})
    String registry;

    @Option(names = "--expected-column", paramLabel = "COLUMN",
            description = "The IRI each record should link to (empty: none): prints precision and recall of the automatic links.")
    String expectedColumn;

    @Option(names = "--member", paramLabel = "CC", description = "The publishing member (is, no, se, …): links are written for its own organisations only.")
    String member;

    @Option(names = "--out", paramLabel = "DIR", description = "Where review.csv and links.ttl go (created).")
    Path out;

    @Option(names = "--endpoint", defaultValue = "http://localhost:3030/sparql",
            description = "The federated SPARQL endpoint the candidates are read from. Default: ${DEFAULT-VALUE} (the demo's federator).")
    String endpoint;

    @Option(names = "--type", defaultValue = "https://w3id.org/cipnet/ontology#ClusterOrganisation",
            description = "Only candidates of this type (a class IRI, the eco-category scheme IRI, or 'any'). Default: cluster organisations.")
    String type;

    @Option(names = "--delimiter", defaultValue = ",", description = "The CSV delimiter (one character; \\t for tab). Default: '${DEFAULT-VALUE}'.")
    String delimiter;

    @Option(names = "--encoding", defaultValue = "UTF-8", description = "The file's encoding. Default: ${DEFAULT-VALUE}.")
    String encoding;

    @Option(names = "--candidates", defaultValue = "3", description = "Candidates per record in the review file. Default: ${DEFAULT-VALUE}.")
    int candidates;

    @Option(names = "--reviewed", paramLabel = "FILE",
            description = {"A review.csv written by an earlier run, in which a person set 'decision' to 'accept' (the link is to",
                "candidate1, which they may change) or 'reject': adds the accepted rows to links.ttl as reviewed links."})
    Path reviewed;

    @Option(names = "--bench", description = {"Benchmark instead: --bench-records generated records against a generated federation of",
        "--bench-members × --bench-organisations organisations (nodes and federator on loopback); prints records/s."})
    boolean bench;

    @Option(names = "--bench-records", defaultValue = "10000", description = "Records in the benchmark. Default: ${DEFAULT-VALUE}.")
    int benchRecords;

    @Option(names = "--bench-members", defaultValue = "10", description = "Generated members in the benchmark. Default: ${DEFAULT-VALUE}.")
    int benchMembers;

    @Option(names = "--bench-organisations", defaultValue = "1500", description = "Cluster organisations per generated member. Default: ${DEFAULT-VALUE}.")
    int benchOrganisations;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (bench) {
            Path dir = Files.createTempDirectory("cipnet-link-bench-");
            try {
                return LinkBench.run(benchMembers, benchOrganisations, benchRecords, ProjectFiles.locate(), dir, System.out, spec.commandLine().getOut());
            } finally {
                DemoCommand.deleteQuietly(dir);
            }
        }
        List<String> missing = new ArrayList<>();
        if (input == null) missing.add("--input");
        if (nameColumn == null) missing.add("--name-column");
        if (member == null) missing.add("--member");
        if (out == null) missing.add("--out");
        if (!missing.isEmpty()) return fail("missing " + String.join(", ", missing) + " (see cipnet link --help)");
        if (!CIP.isMemberId(member)) return fail("--member: '" + member + "' is not a member id (is, no, se, fi, dk, ru, ee, lv, lt, pl, cz, net)");
        char delim = delimiter.equals("\\t") ? '\t' : delimiter.length() == 1 ? delimiter.charAt(0) : 0;
        if (delim == 0) return fail("--delimiter must be one character (or \\t), not '" + delimiter + "'");
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            return fail("--encoding: unknown encoding '" + encoding + "'");
        }
        Map<String, Pattern> registries = registries(ProjectFiles.locate());
        if (registry != null && !registries.containsKey(registry))
            return fail("--registry: unknown registry '" + registry + "' (known: " + String.join(", ", registries.keySet()) + ")");

        List<RecordFile.Row> rows;
        try {
            rows = RecordFile.read(input, delim, charset, java.util.Arrays.asList(nameColumn, countryColumn, cityColumn, regionColumn, homepageColumn, idColumn, expectedColumn));
        } catch (RecordFile.InputError e) {
            return fail(e.getMessage());
        }
        Set<String> types = type.equals("any") ? Set.of() : Set.of(type);
        List<LinkQuery> queries = new ArrayList<>();
        for (RecordFile.Row r : rows) {
            String id = r.get(idColumn);
            queries.add(new LinkQuery(r.get(nameColumn), types, blank(r.get(countryColumn)), blank(r.get(cityColumn)),
                    r.get(regionColumn).isEmpty() ? List.of() : List.of(r.get(regionColumn)), List.of(), blank(r.get(homepageColumn)),
                    id.isEmpty() ? List.of() : List.of(id)));
        }

        err.println("cipnet link: reading candidates from " + endpoint + " ...");
        Matcher matcher;
        try {
            matcher = NetworkCandidates.load(endpoint);
        } catch (RuntimeException e) {
            return fail("cannot read candidates from " + endpoint + ": " + e.getMessage() + " (is the federator running? see --endpoint)");
        }
        err.printf("cipnet link: %,d candidates; matching %,d records%n", matcher.candidates().size(), rows.size());
        List<Batch.Outcome> outcomes = withProgress(err, rows.size(), done -> Batch.run(matcher, queries, candidates, done));

        Files.createDirectories(out);
        String space = CIP.uriSpace(member);
        List<LinkTurtle.Link> links = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (Writer w = Files.newBufferedWriter(out.resolve("review.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180)) {
            List<String> header = new ArrayList<>(List.of("line", "name", "country", "city", "id", "decision"));
            for (int k = 1; k <= candidates; k++) header.addAll(List.of("candidate" + k, "name" + k, "score" + k, "features" + k));
            if (expectedColumn != null) header.addAll(List.of("expected", "correct"));
            csv.printRecord(header);
            for (int i = 0; i < rows.size(); i++) {
                RecordFile.Row r = rows.get(i);
                Batch.Outcome o = outcomes.get(i);
                String decision = decision(o, space, r.get(idColumn), registries, problems, r.line(), links);
                counts.merge(decision.replaceAll(":.*", ""), 1, Integer::sum);
                List<Object> line = new ArrayList<>(List.of(r.line(), r.get(nameColumn), r.get(countryColumn), r.get(cityColumn), r.get(idColumn), decision));
                for (int k = 0; k < candidates; k++) {
                    if (k < o.candidates().size()) {
                        Scored s = o.candidates().get(k);
                        line.addAll(List.of(s.candidate().iri(), s.candidate().label(List.of("en")), s.score(), features(s)));
                    } else line.addAll(List.of("", "", "", ""));
                }
                if (expectedColumn != null) {
                    String want = r.get(expectedColumn);
                    line.add(want);
                    line.add(o.linked() ? String.valueOf(o.best().candidate().iri().equals(want)) : want.isEmpty() ? "true" : "false");
                }
                csv.printRecord(line);
            }
        }
        if (reviewed != null) {
            int before = links.size();
            try {
                for (RecordFile.Row r : RecordFile.read(reviewed, ',', StandardCharsets.UTF_8, List.of("decision", "candidate1", "score1", "id"))) {
                    if (!r.get("decision").equalsIgnoreCase("accept")) continue;
                    String iri = r.get("candidate1"), id = r.get("id");
                    if (!iri.startsWith(space) || id.isEmpty()) {
                        problems.add(reviewed + ":" + r.line() + ": an accepted link needs an id and a candidate1 in " + space);
                        continue;
                    }
                    String code = registryOf(id);
                    String notation = notation(id, code);
                    if (code == null || !registries.get(code).matcher(notation).find()) {
                        problems.add(reviewed + ":" + r.line() + ": '" + id + "' has no known registry or does not match its pattern (see --registry)");
                        continue;
                    }
                    double score = r.get("score1").isEmpty() ? 0 : Double.parseDouble(r.get("score1"));
                    links.removeIf(l -> l.organisation().equals(iri) && l.identifier().equals(notation));
                    links.add(new LinkTurtle.Link(iri, notation, code, score, true));
                }
            } catch (RecordFile.InputError e) {
                return fail(e.getMessage());
            } catch (NumberFormatException e) {
                return fail(reviewed + ": score1 is not a number: " + e.getMessage());
            }
            err.printf("cipnet link: %d reviewed links from %s%n", links.size() - before, reviewed);
        }
        try (OutputStream ttl = Files.newOutputStream(out.resolve("links.ttl"))) {
            LinkTurtle.write(links, ttl);
        }
        var o = spec.commandLine().getOut();
        o.printf("%,d records: %s%n", rows.size(), counts);
        o.printf("review: %s%nlinks:  %s (%,d links for %s; add it to the member's graph and publish: cipnet validate data/%s %s, then cipnet publish)%n",
                out.resolve("review.csv"), out.resolve("links.ttl"), links.size(), space, member, out.resolve("links.ttl"));
        if (idColumn == null) o.println("note: without --id-column there is no external identifier to attach, so links.ttl is empty");
        problems.stream().limit(20).forEach(p -> o.println("note: " + p));
        if (problems.size() > 20) o.printf("note: … %d more in review.csv%n", problems.size() - 20);
        if (expectedColumn != null) evaluation(rows, outcomes, o);
        o.flush();
        return 0;
    }

    /** The decision column, and the link when it is one this member may publish. */
    private String decision(Batch.Outcome o, String space, String id, Map<String, Pattern> registries, List<String> problems, long line,
                            List<LinkTurtle.Link> links) {
        if (o.best() == null) return "no candidate";
        if (!o.linked()) return "review";
        String iri = o.best().candidate().iri();
        if (!iri.startsWith(space)) {
            String owner = CIP.memberOf(iri);
            // A code-list concept (with --type any) is the network's, not an organisation a member may describe.
            return owner == null ? "linked: shared vocabulary, not written" : "linked: belongs to member " + owner + ", not written";
        }
        if (id.isEmpty()) return "linked: no identifier to write";
        String code = registryOf(id);
        String notation = notation(id, code);
        if (code == null) {
            problems.add("line " + line + ": cannot tell the registry of '" + id + "': give --registry");
            return "linked: registry unknown, not written";
        }
        if (!registries.get(code).matcher(notation).find()) {
            problems.add("line " + line + ": '" + id + "' does not match the " + code + " pattern " + registries.get(code).pattern());
            return "linked: identifier does not match " + code + ", not written";
        }
        if (o.best().candidate().identifiers().contains(Identifiers.normalise(notation))) return "linked: already recorded";
        links.add(new LinkTurtle.Link(iri, notation, code, o.best().score(), false));
        return "linked";
    }

    /** The registry of an identifier: --registry, else eccp for ECCP URLs and wikidata for Q-numbers, else null. */
    private String registryOf(String id) {
        if (registry != null) return registry;
        if (Identifiers.normalise(id).startsWith("wikidata:")) return "wikidata";
        return id.matches("(?i)^https?://(www\\.)?clustercollaboration\\.eu/.*") ? "eccp" : null;
    }

    /** The notation to record: a Wikidata id as its Q-number, anything else as given. */
    private static String notation(String id, String code) {
        return "wikidata".equals(code) ? Identifiers.normalise(id).substring("wikidata:".length()) : id;
    }

    private static String features(Scored s) {
        StringBuilder b = new StringBuilder();
        s.features().forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    private void evaluation(List<RecordFile.Row> rows, List<Batch.Outcome> outcomes, PrintWriter o) {
        int expected = 0, linked = 0, correct = 0;
        for (int i = 0; i < rows.size(); i++) {
            String want = rows.get(i).get(expectedColumn);
            Batch.Outcome x = outcomes.get(i);
            if (!want.isEmpty()) expected++;
            if (x.linked()) {
                linked++;
                if (x.best().candidate().iri().equals(want)) correct++;
            }
        }
        o.printf(Locale.ROOT, "precision %.3f (%d of %d automatic links correct), recall %.3f (%d of %d expected links made)%n",
                linked == 0 ? 1.0 : (double) correct / linked, correct, linked, expected == 0 ? 1.0 : (double) correct / expected, correct, expected);
    }

    /** Runs {@code work}, drawing a progress bar on {@code err} while it runs. */
    static <T> T withProgress(PrintWriter err, int total, java.util.function.Function<AtomicInteger, T> work) {
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        var timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "link-progress");
            t.setDaemon(true);
            return t;
        });
        Runnable draw = () -> {
            int d = done.get();
            double s = (System.nanoTime() - t0) / 1e9;
            int width = 30, filled = total == 0 ? width : (int) ((long) d * width / total);
            err.printf("\r[%s%s] %,d/%,d %3d%% %,.0f records/s", "#".repeat(filled), ".".repeat(width - filled), d, total,
                    total == 0 ? 100 : d * 100 / total, s > 0 ? d / s : 0.0);
            err.flush();
        };
        timer.scheduleAtFixedRate(draw, 200, 200, TimeUnit.MILLISECONDS);
        try {
            return work.apply(done);
        } finally {
            timer.shutdownNow();
            draw.run();
            err.println();
        }
    }

    /** Registry code → notation pattern, from the checkout's registry vocabulary. */
    static Map<String, Pattern> registries(ProjectFiles project) {
        Model m = RDFDataMgr.loadModel(project.vocabularies().resolve("registry.ttl").toString());
        Map<String, Pattern> out = new HashMap<>();
        var pattern = m.createProperty(CIP.NS + "notationPattern");
        m.listSubjectsWithProperty(pattern).forEachRemaining(r -> {
            String code = r.hasProperty(SKOS.notation) ? r.getProperty(SKOS.notation).getString() : r.getURI().substring(r.getURI().lastIndexOf('/') + 1);
            out.put(code, Pattern.compile(r.getProperty(pattern).getString()));
        });
        return new java.util.TreeMap<>(out);
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("cipnet link: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
