package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.federation.members.Member;
import org.junit.jupiter.api.AfterAll;
import org.cipnet.testing.Checkout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.cipnet.federation.members.MemberDiscovery;

/**
 * The W3C SPARQL 1.1 query-evaluation tests (from {@code rdf4j-sparql-testsuite}), each test's data
 * split across three members in two different ways, for each kind of member ({@link MemberServers}):
 * the federated answer equals the single-store answer. What is not run, with a reason each, is
 * listed in docs/w3c-exclusions.md.
 */
class W3cSuiteTest {
    static final String[] DIRS = {"aggregates", "bind", "bindings", "construct", "csv-tsv-res", "exists", "functions", "grouping",
            "json-res", "negation", "project-expression", "property-path", "subquery"};

    /** The suite's other query-evaluation folders, not run, and why. */
    static final Map<String, String> EXCLUDED_DIRS = new java.util.TreeMap<>(Map.of(
            "entailment", "entailment regimes (RDFS, OWL): neither the members nor the federator infer",
            "service", "SERVICE to arbitrary endpoints: the federator calls registered members only, by design"));

    /** The committed list of everything not run, kept equal to what this test computes. */
    static final Path EXCLUSIONS = Checkout.files().home().resolve("docs/w3c-exclusions.md");

    /** A test whose answer depends on the store itself, not on the federation: not run over these kinds of member. */
    record StoreDependent(java.util.Set<MemberServers.Kind> kinds, String why) {}

    static final Map<String, StoreDependent> STORE_DEPENDENT = new java.util.TreeMap<>(Map.of(
            "functions/plus-2", new StoreDependent(java.util.EnumSet.of(MemberServers.Kind.FUSEKI, MemberServers.Kind.OXIGRAPH),
                    "ARQ's + on a blank node spells the node's internal label (an ARQ extension; SPARQL makes it an error), "
                            + "so two stores holding the same data answer differently"),
            "csv-tsv-res/tsv03", new StoreDependent(java.util.EnumSet.of(MemberServers.Kind.OXIGRAPH),
                    "Oxigraph stores \"-3\"^^xsd:negativeInteger as xsd:integer: its own answer, as one store, differs from Jena's")));

    static final List<MemberServers.Store> stores = new ArrayList<>();
    static final Map<MemberServers.Kind, Federator> federators = new java.util.EnumMap<>(MemberServers.Kind.class);
    static final Map<MemberServers.Kind, List<MemberServers.Store>> storesByKind = new java.util.EnumMap<>(MemberServers.Kind.class);

    /**
     * Three members of each plain kind and a federator over them, with no reference graph (the tests
     * have none). The tests' data lies in no member's URI space, so no member can declare the
     * ownership contract for it: contract members are covered by the generated queries and the catalogue.
     */
    @BeforeAll
    static void start() throws Exception {
        for (MemberServers.Kind kind : List.of(MemberServers.Kind.FUSEKI, MemberServers.Kind.OXIGRAPH)) {
            List<Member> members = new ArrayList<>();
            List<MemberServers.Store> mine = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                MemberServers.Store s = MemberServers.start(kind, "w" + i);
                stores.add(s);
                mine.add(s);
                members.add(MemberDiscovery.resolve(List.of("w" + i + "=" + s.endpoint())).get(0).withTimeout(Duration.ofSeconds(20)));
            }
            storesByKind.put(kind, mine);
            federators.put(kind, Federator.start(FederatorConfig.of(members, 0), GraphFactory.createDefaultGraph()));
        }
    }

    @AfterAll
    static void stop() {
        federators.values().forEach(Federator::close);
        stores.forEach(MemberServers.Store::close);
    }

    record Case(String name, URL query, URL data, boolean namedGraphs) {}

    /** Why a test is not run against the federation, or null. */
    static String exclusion(String name, String query) {
        String q = query.toUpperCase();
        if (q.contains("GRAPH") || q.contains("FROM ")) return "named graphs / FROM: the federated dataset is one default graph";
        if (q.contains("SERVICE")) return "SERVICE: refused by design";
        if (q.matches("(?s).*\\b(NOW|RAND|UUID|STRUUID|BNODE)\\s*\\(.*")) return "non-deterministic function: two runs differ even on one store";
        return null;
    }

    static List<Case> cases() throws Exception {
        List<Case> out = new ArrayList<>();
        for (String dir : DIRS) {
            URL manifest = W3cSuiteTest.class.getClassLoader().getResource("testcases-sparql-1.1-w3c/" + dir + "/manifest.ttl");
            assertNotNull(manifest, dir);
            Model m = ModelFactory.createDefaultModel();
            try (InputStream in = manifest.openStream()) {
                RDFParser.source(in).lang(Lang.TURTLE).base(manifest.toString()).parse(m);
            }
            String q = "PREFIX mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#> "
                    + "PREFIX qt: <http://www.w3.org/2001/sw/DataAccess/tests/test-query#> "
                    + "SELECT ?t ?q ?d ?g WHERE { ?t a mf:QueryEvaluationTest ; mf:action ?a . ?a qt:query ?q . OPTIONAL { ?a qt:data ?d } "
                    + "OPTIONAL { ?a qt:graphData ?g } } ORDER BY ?t";
            try (var qe = QueryExecutionFactory.create(q, m)) {
                qe.execSelect().forEachRemaining(r -> {
                    try {
                        out.add(new Case(dir + "/" + r.getResource("t").getLocalName(), new URL(r.getResource("q").getURI()),
                                r.contains("d") ? new URL(r.getResource("d").getURI()) : null, r.contains("g")));
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        return out;
    }

    /** A test's query and data, or why it is not run. */
    record Loaded(String query, Graph data, String excluded) {}

    static Loaded load(Case c) throws Exception {
        String query;
        try (InputStream in = c.query().openStream()) {
            query = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            return new Loaded(null, null, "listed in the manifest but not shipped in the test-suite jar");
        }
        String why = c.namedGraphs() ? "named graphs in the test data (qt:graphData): the federated dataset is one default graph"
                : exclusion(c.name(), query);
        if (why != null) return new Loaded(null, null, why);
        try {
            org.apache.jena.query.QueryFactory.create(query, c.query().toString());
        } catch (RuntimeException e) {
            return new Loaded(null, null, "not a query ARQ parses");
        }
        Graph data = GraphFactory.createDefaultGraph();
        if (c.data() != null) {
            try (InputStream in = c.data().openStream()) {
                RDFParser.source(in).lang(RDFLanguages.filenameToLang(c.data().getPath(), Lang.TURTLE)).base(c.data().toString()).parse(data);
            }
        }
        return new Loaded(org.apache.jena.query.QueryFactory.create(query, c.query().toString()).serialize(), data, null);
    }

    /** The data split by subject (each subject's triples on one member), and triple by triple (a subject's triples spread over the members). */
    @ParameterizedTest
    @EnumSource(names = {"FUSEKI", "OXIGRAPH"})
    void federatedAnswersEqualTheSingleStoreAnswer(MemberServers.Kind kind) throws Exception {
        Federator federator = federators.get(kind);
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (Case c : cases()) {
            Loaded l = load(c);
            if (l.excluded() != null || STORE_DEPENDENT.containsKey(c.name()) && STORE_DEPENDENT.get(c.name()).kinds().contains(kind)) continue;
            for (int split = 0; split < 2; split++) {
                split(storesByKind.get(kind), l.data(), split == 1 ? -1 : 0);
                federator.catalog().invalidate();
                run++;
                var o = ResultCompare.compare(federator.sparqlUrl(), l.data(), l.query());
                if (!o.same()) failures.add(c.name() + " (split " + split + ")\n  federated: " + cut(o.federated()) + "\n  central:   " + cut(o.central()));
            }
        }
        System.out.println("W3C suite over " + kind + " members: " + run + " runs, " + failures.size() + " differ");
        assertTrue(run >= 150, "ran " + run);
        assertTrue(failures.isEmpty(), failures.size() + " of " + run + " differ over " + kind + " members:\n" + String.join("\n", failures));
    }

    /** docs/w3c-exclusions.md lists exactly what is not run. */
    @Test
    void exclusionsAreListed() throws Exception {
        Map<String, String> excluded = new LinkedHashMap<>();
        for (Case c : cases()) {
            Loaded l = load(c);
            if (l.excluded() != null) excluded.put(c.name(), l.excluded());
        }
        String listed = exclusionsDocument(excluded);
        java.nio.file.Files.createDirectories(Path.of("target"));
        java.nio.file.Files.writeString(Path.of("target", "w3c-exclusions.md"), listed);
        assertEquals(listed, java.nio.file.Files.exists(EXCLUSIONS) ? java.nio.file.Files.readString(EXCLUSIONS) : "",
                "docs/w3c-exclusions.md lists what is not run; the current list is in target/w3c-exclusions.md: copy it over");
    }

    private static String exclusionsDocument(Map<String, String> excluded) {
        StringBuilder sb = new StringBuilder("# W3C SPARQL 1.1 query-evaluation tests not run against the federation\n\n")
                .append("Generated by `W3cSuiteTest` (which fails when this list is out of date). Every other test of the folders\n")
                .append(String.join(", ", DIRS)).append(" runs with its data split across three members in two ways\n")
                .append("(by subject, and triple by triple), over stock Fuseki members and over Oxigraph members, and the federated\n")
                .append("answer must equal the single store's. The suite's update, syntax, protocol and service-description\n")
                .append("folders are not query evaluation.\n\n## Folders\n\n| folder | why |\n|---|---|\n");
        EXCLUDED_DIRS.forEach((d, why) -> sb.append("| ").append(d).append(" | ").append(why).append(" |\n"));
        sb.append("\n## Tests\n\n| test | why |\n|---|---|\n");
        new java.util.TreeMap<>(excluded).forEach((t, why) -> sb.append("| ").append(t).append(" | ").append(why).append(" |\n"));
        sb.append("\n## Answers that depend on the store\n\n| test | not run over | why |\n|---|---|---|\n");
        STORE_DEPENDENT.forEach((t, d) -> sb.append("| ").append(t).append(" | ").append(d.kinds().stream().map(k -> k.name().toLowerCase())
                .collect(java.util.stream.Collectors.joining(", "))).append(" members | ").append(d.why()).append(" |\n"));
        return sb.toString();
    }

    private static String cut(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    /**
     * Splits by subject ({@code split} 0 or 1: two different assignments), keeping each blank node
     * with a subject that refers to it (the ownership contract); {@code split} -1: triple by triple,
     * blank nodes kept whole ({@link TestFederation#spread}).
     */
    static void split(List<MemberServers.Store> members, Graph data, int split) {
        if (split < 0) {
            Map<Integer, Graph> parts = TestFederation.spread(data.find().toList(), members.size(), new java.util.Random(data.size()));
            for (int i = 0; i < members.size(); i++) members.get(i).load(parts.get(i));
            return;
        }
        Map<Node, Integer> owner = new HashMap<>();
        data.find().forEachRemaining(t -> {
            if (t.getSubject().isURI()) owner.putIfAbsent(t.getSubject(), Math.floorMod((t.getSubject().getURI() + split).hashCode(), 3));
        });
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var t : data.find().toList())
                if (t.getObject().isBlank() && owner.containsKey(t.getSubject()) && !owner.containsKey(t.getObject())) {
                    owner.put(t.getObject(), owner.get(t.getSubject()));
                    changed = true;
                }
        }
        data.find().forEachRemaining(t -> owner.putIfAbsent(t.getSubject(), Math.floorMod((t.getSubject().toString() + split).hashCode(), 3)));
        for (int i = 0; i < members.size(); i++) {
            int member = i;
            Graph part = GraphFactory.createDefaultGraph();
            data.find().forEachRemaining(t -> { if (owner.get(t.getSubject()) == member) part.add(t); });
            members.get(i).load(part);
        }
    }
}
