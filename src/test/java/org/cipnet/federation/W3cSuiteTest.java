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

/**
 * The W3C SPARQL 1.1 query-evaluation tests (from {@code rdf4j-sparql-testsuite}), each test's data
 * split across three stock Fuseki members in two different ways: the federated answer equals the
 * single-store answer. What is not run, with a reason each, is listed in docs/w3c-exclusions.md.
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

    static final List<DatasetGraph> stores = new ArrayList<>();
    static final List<FusekiServer> servers = new ArrayList<>();
    static Federator federator;

    @BeforeAll
    static void start() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
            dsg.getContext().set(ARQ.outputGraphBNodeLabels, true);
            FusekiServer s = FusekiServer.create().port(0).loopback(true).add("/w" + i, dsg, false).build().start();
            stores.add(dsg);
            servers.add(s);
            members.add(new Member("w" + i, "http://localhost:" + s.getHttpPort() + "/w" + i + "/sparql", null, null, Duration.ofSeconds(20), 4));
        }
        federator = Federator.start(FederatorConfig.of(members, 0), GraphFactory.createDefaultGraph());
    }

    @AfterAll
    static void stop() {
        if (federator != null) federator.close();
        servers.forEach(FusekiServer::stop);
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

    @Test
    void federatedAnswersEqualTheSingleStoreAnswer() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, String> excluded = new LinkedHashMap<>();
        int run = 0;
        for (Case c : cases()) {
            String query;
            try (InputStream in = c.query().openStream()) {
                query = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.FileNotFoundException e) {
                excluded.put(c.name(), "listed in the manifest but not shipped in the test-suite jar");
                continue;
            }
            String why = c.namedGraphs() ? "named graphs in the test data (qt:graphData): the federated dataset is one default graph"
                    : exclusion(c.name(), query);
            if (why != null) {
                excluded.put(c.name(), why);
                continue;
            }
            try {
                org.apache.jena.query.QueryFactory.create(query, c.query().toString());
            } catch (RuntimeException e) {
                excluded.put(c.name(), "not a query ARQ parses");
                continue;
            }
            Graph data = GraphFactory.createDefaultGraph();
            if (c.data() != null) {
                try (InputStream in = c.data().openStream()) {
                    RDFParser.source(in).lang(RDFLanguages.filenameToLang(c.data().getPath(), Lang.TURTLE)).base(c.data().toString()).parse(data);
                }
            }
            String absolute = org.apache.jena.query.QueryFactory.create(query, c.query().toString()).serialize();
            for (int split = 0; split < 2; split++) {
                load(data, split);
                federator.catalog().invalidate();
                run++;
                var o = ResultCompare.compare(federator.sparqlUrl(), data, absolute);
                if (!o.same()) failures.add(c.name() + " (split " + split + ")\n  federated: " + cut(o.federated()) + "\n  central:   " + cut(o.central()));
            }
        }
        System.out.println("W3C suite: " + run + " runs, " + excluded.size() + " excluded: " + excluded);
        String listed = exclusionsDocument(excluded);
        java.nio.file.Files.createDirectories(Path.of("target"));
        java.nio.file.Files.writeString(Path.of("target", "w3c-exclusions.md"), listed);
        assertTrue(run >= 150, "ran " + run);
        assertTrue(failures.isEmpty(), failures.size() + " differ:\n" + String.join("\n", failures));
        assertEquals(listed, java.nio.file.Files.exists(EXCLUSIONS) ? java.nio.file.Files.readString(EXCLUSIONS) : "",
                "docs/w3c-exclusions.md lists what is not run; the current list is in target/w3c-exclusions.md: copy it over");
    }

    private static String exclusionsDocument(Map<String, String> excluded) {
        StringBuilder sb = new StringBuilder("# W3C SPARQL 1.1 query-evaluation tests not run against the federation\n\n")
                .append("Generated by `W3cSuiteTest` (which fails when this list is out of date). Every other test of the folders\n")
                .append(String.join(", ", DIRS)).append(" runs with its data split across three members in two ways,\n")
                .append("and the federated answer must equal the single store's. The suite's update, syntax, protocol and\n")
                .append("service-description folders are not query evaluation.\n\n## Folders\n\n| folder | why |\n|---|---|\n");
        EXCLUDED_DIRS.forEach((d, why) -> sb.append("| ").append(d).append(" | ").append(why).append(" |\n"));
        sb.append("\n## Tests\n\n| test | why |\n|---|---|\n");
        new java.util.TreeMap<>(excluded).forEach((t, why) -> sb.append("| ").append(t).append(" | ").append(why).append(" |\n"));
        return sb.toString();
    }

    private static String cut(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    /** Splits by subject, keeping each blank node with a subject that refers to it (the ownership contract). */
    static void load(Graph data, int split) {
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
        for (int i = 0; i < 3; i++) {
            int member = i;
            DatasetGraph dsg = stores.get(i);
            dsg.executeWrite(() -> {
                dsg.getDefaultGraph().clear();
                data.find().forEachRemaining(t -> { if (owner.get(t.getSubject()) == member) dsg.getDefaultGraph().add(t); });
            });
        }
    }
}
