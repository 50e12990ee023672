package org.cipnet.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.testing.Checkout;
import org.cipnet.validation.ReportWriter;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shipped graphs: each conforms to the shapes on its own (no Violation), keeps to its URI
 * space, sources every organisation, participation, award and observation, and has at least the
 * number of real cluster organisations the network asked for.
 */
class DataGraphsTest {
    static final Map<String, Integer> MINIMUM_ORGANISATIONS = Map.ofEntries(Map.entry("no", 8), Map.entry("se", 8), Map.entry("dk", 8),
            Map.entry("fi", 8), Map.entry("ee", 8), Map.entry("lv", 8), Map.entry("lt", 8), Map.entry("pl", 8), Map.entry("ru", 5),
            Map.entry("cz", 5), Map.entry("is", 3), Map.entry("net", 0));

    static List<Path> graphs() throws Exception {
        try (Stream<Path> s = Files.list(Checkout.files().data())) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    static Graph read(Path dir) throws Exception {
        Graph g = GraphFactory.createDefaultGraph();
        for (Path f : RdfFiles.collect(List.of(dir))) RdfFiles.read(f, g);
        return g;
    }

    @TestFactory
    Stream<DynamicTest> everyGraph() throws Exception {
        List<Path> dirs = graphs();
        assertEquals(new java.util.TreeSet<>(MINIMUM_ORGANISATIONS.keySet()),
                new java.util.TreeSet<>(dirs.stream().map(d -> d.getFileName().toString()).toList()), "one graph per member and the network graph");
        return dirs.stream().flatMap(dir -> {
            String cc = dir.getFileName().toString();
            return Stream.of(
                    DynamicTest.dynamicTest(cc + " conforms", () -> {
                        var outcome = Checkout.validator().validateFiles(RdfFiles.collect(List.of(dir)));
                        assertTrue(outcome.passes(), () -> ReportWriter.text(outcome));
                    }),
                    DynamicTest.dynamicTest(cc + " keeps to its URI space", () -> {
                        Graph g = read(dir);
                        List<String> foreign = new ArrayList<>();
                        g.find().forEachRemaining(t -> {
                            if (t.getSubject().isURI() && !t.getSubject().getURI().startsWith(CIP.uriSpace(cc))) foreign.add(t.getSubject().getURI());
                        });
                        assertTrue(foreign.isEmpty(), "subjects outside " + CIP.uriSpace(cc) + ": " + foreign.stream().distinct().toList());
                    }),
                    DynamicTest.dynamicTest(cc + " sources its facts", () -> {
                        List<String> unsourced = unsourced(read(dir));
                        assertTrue(unsourced.isEmpty(), "without prov:wasDerivedFrom: " + unsourced);
                    }),
                    DynamicTest.dynamicTest(cc + " gives every eligible organisation its Observatory regional-cluster key", () -> {
                        List<String> wrong = regionalClusterKeyProblems(read(dir), Checkout.validator().reference());
                        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
                    }),
                    DynamicTest.dynamicTest(cc + " has its minimum of real cluster organisations", () -> {
                        Graph g = read(dir);
                        int n = g.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).toList().size();
                        assertTrue(n >= MINIMUM_ORGANISATIONS.getOrDefault(cc, 0), cc + " has " + n + " cluster organisations");
                    }));
        });
    }

    static final Node DERIVED = NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom");
    /** Types that are the provenance or the graph's own description, not facts taken from a source. */
    static final java.util.Set<String> SELF_DESCRIBING = java.util.Set.of(CIP.NS + "SourceDocument", "http://www.w3.org/ns/dcat#Dataset",
            "http://rdfs.org/ns/void#Dataset", "http://purl.org/linked-data/cube#DataSet");

    /**
     * Every typed resource named by an IRI (organisations, agencies, programmes, awards, collaborations, …), every
     * observation and every identifier (also as a blank node) without prov:wasDerivedFrom; sources and the
     * graph's own dataset descriptions are what provenance points to, so they are exempt.
     */
    static List<String> unsourced(Graph g) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        Node observation = NodeFactory.createURI(CIP.Observation), identifier = NodeFactory.createURI("http://www.w3.org/ns/adms#Identifier");
        g.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
            Node s = t.getSubject(), type = t.getObject();
            boolean fact = (s.isURI() && !(type.isURI() && SELF_DESCRIBING.contains(type.getURI()))) || type.equals(observation) || type.equals(identifier);
            boolean exempt = s.isURI() && g.find(s, RDF.type.asNode(), Node.ANY).toList().stream()
                    .anyMatch(x -> x.getObject().isURI() && SELF_DESCRIBING.contains(x.getObject().getURI()));
            if (fact && !exempt && !g.contains(s, DERIVED, Node.ANY)) out.add(s + " (" + type + ")");
        });
        return new ArrayList<>(out);
    }

    static final String NUTS = "http://data.europa.eu/nuts/code/", KEYS = CIP.VOCAB + "regional-cluster/";

    /**
     * Observatory regional-cluster keys: an organisation with a NUTS region (NUTS-2 = the first four characters of
     * its code) and an Observatory category organises exactly the cell {NUTS-2}-{category}, and that cell is in the
     * reference graph as a cip:Cluster with the same region and category and an English label.
     */
    static List<String> regionalClusterKeyProblems(Graph g, Graph reference) {
        List<String> out = new ArrayList<>();
        Node region = NodeFactory.createURI(CIP.NS + "region"), category = NodeFactory.createURI(CIP.NS + "clusterCategory"),
                organises = NodeFactory.createURI(CIP.NS + "organisesCluster"), cluster = NodeFactory.createURI(CIP.NS + "Cluster"),
                label = NodeFactory.createURI("http://www.w3.org/2004/02/skos/core#prefLabel");
        g.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).forEachRemaining(t -> {
            Node co = t.getSubject();
            java.util.Set<String> expected = new java.util.TreeSet<>();
            for (var r : g.find(co, region, Node.ANY).toList())
                for (var c : g.find(co, category, Node.ANY).toList()) {
                    String code = r.getObject().isURI() && r.getObject().getURI().startsWith(NUTS) ? r.getObject().getURI().substring(NUTS.length()) : "";
                    if (code.length() < 4) continue;
                    String cat = c.getObject().getURI().substring(c.getObject().getURI().lastIndexOf('/') + 1);
                    expected.add(KEYS + code.substring(0, 4) + "-" + cat);
                }
            java.util.Set<String> actual = new java.util.TreeSet<>();
            g.find(co, organises, Node.ANY).forEachRemaining(x -> actual.add(x.getObject().toString()));
            if (!expected.equals(actual)) out.add(co + " organises " + actual + " but its region and category give " + expected);
            for (String k : expected) {
                Node key = NodeFactory.createURI(k);
                String n2 = k.substring(KEYS.length(), KEYS.length() + 4), cat = k.substring(KEYS.length() + 5);
                if (!reference.contains(key, RDF.type.asNode(), cluster) || !reference.contains(key, region, NodeFactory.createURI(NUTS + n2))
                        || !reference.contains(key, category, NodeFactory.createURI(CIP.VOCAB + "eco-category/" + cat))
                        || reference.find(key, label, Node.ANY).toList().stream().noneMatch(x -> "en".equals(x.getObject().getLiteralLanguage())))
                    out.add(k + " is not in the reference graph as a labelled cip:Cluster of region " + n2 + " and category " + cat);
            }
        });
        return out;
    }
}
