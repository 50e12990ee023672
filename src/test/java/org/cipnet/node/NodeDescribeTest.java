package org.cipnet.node;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VoID statistics and Linked Data dereferencing of a real node loaded with data/no. */
class NodeDescribeTest {
    @TempDir
    static Path dir;

    static NationalNode node;
    static Graph data;
    static Model voidModel;

    @BeforeAll
    static void start() throws Exception {
        Path no = Checkout.files().data().resolve("no");
        data = GraphFactory.createDefaultGraph();
        for (Path f : RdfFiles.collect(List.of(no))) RdfFiles.read(f, data);
        node = NationalNode.start(NodeConfig.of("no", dir.resolve("tdb"), 0).withData(no), Checkout.validator());
        var r = Http.get(node.baseUrl() + "no/void", "Accept", "text/turtle");
        assertEquals(200, r.statusCode());
        voidModel = ModelFactory.createDefaultModel();
        voidModel.read(new StringReader(r.body()), null, "TTL");
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    private static long sparqlCount(String where) {
        var r = Http.query(node.sparqlUrl(), "SELECT (COUNT(*) AS ?n) WHERE { " + where + " }", "text/csv");
        return Long.parseLong(r.body().strip().split("\r?\n")[1]);
    }

    private static List<QuerySolution> onVoid(String q) {
        try (var qe = QueryExecutionFactory.create("PREFIX void: <http://rdfs.org/ns/void#> " + q, voidModel)) {
            List<QuerySolution> out = new java.util.ArrayList<>();
            qe.execSelect().forEachRemaining(out::add);
            return out;
        }
    }

    @Test
    void datasetNumbersEqualSparqlCounts() {
        var row = onVoid("SELECT * WHERE { <https://w3id.org/cipnet/no/dataset> void:triples ?t ; void:entities ?e ; void:uriSpace ?u ; void:sparqlEndpoint ?ep }").get(0);
        assertEquals(sparqlCount("?s ?p ?o"), row.getLiteral("t").getLong());
        assertEquals(sparqlCount("SELECT DISTINCT ?s { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), \"https://w3id.org/cipnet/no/\")) }"),
                row.getLiteral("e").getLong());
        assertEquals("https://w3id.org/cipnet/no/", row.getLiteral("u").getString());
        assertEquals(node.sparqlUrl(), row.getResource("ep").getURI());
    }

    @Test
    void classAndPropertyPartitionsEqualSparqlCounts() {
        var classes = onVoid("SELECT ?c ?n WHERE { ?d void:classPartition [ void:class ?c ; void:entities ?n ] }");
        assertFalse(classes.isEmpty());
        for (var c : classes)
            assertEquals(sparqlCount("SELECT DISTINCT ?s { ?s a <" + c.getResource("c").getURI() + "> }"), c.getLiteral("n").getLong(), c.toString());
        var props = onVoid("SELECT ?p ?n WHERE { ?d void:propertyPartition [ void:property ?p ; void:triples ?n ] }");
        assertEquals(sparqlCount("SELECT DISTINCT ?p { ?s ?p ?o }"), props.size());
        for (var p : props)
            assertEquals(sparqlCount("?s <" + p.getResource("p").getURI() + "> ?o"), p.getLiteral("n").getLong(), p.toString());
    }

    @Test
    void linkSetsCountObjectsInOtherMembersSpaces() {
        Map<String, Long> expected = new HashMap<>();
        data.find().forEachRemaining(t -> {
            Node o = t.getObject();
            if (!o.isURI()) return;
            for (String cc : CIP.COUNTRIES)
                if (!cc.equals("no") && o.getURI().startsWith(CIP.uriSpace(cc))) expected.merge(cc + " " + t.getPredicate().getURI(), 1L, Long::sum);
            if (o.getURI().startsWith(CIP.uriSpace("net"))) expected.merge("net " + t.getPredicate().getURI(), 1L, Long::sum);
            if (Checkout.validator().reference().contains(o, Node.ANY, Node.ANY))
                expected.merge("graph/reference " + t.getPredicate().getURI(), 1L, Long::sum);
        });
        Map<String, Long> actual = new HashMap<>();
        for (var r : onVoid("SELECT ?target ?p ?n WHERE { ?l a void:Linkset ; void:objectsTarget ?target ; void:linkPredicate ?p ; void:triples ?n }")) {
            String cc = r.getResource("target").getURI().replace("https://w3id.org/cipnet/", "").replace("/dataset", "");
            actual.put(cc + " " + r.getResource("p").getURI(), r.getLiteral("n").getLong());
        }
        assertEquals(expected, actual);
        assertFalse(actual.isEmpty(), "the Norwegian graph links to the network graph (sources, projects)");
    }

    private static String someOrganisation() {
        var r = Http.query(node.sparqlUrl(), "SELECT ?s WHERE { ?s a <" + CIP.Agency + "> ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?en, ?nb "
                + "FILTER(langMatches(lang(?en), 'en') && langMatches(lang(?nb), 'nb') && STR(?en) != STR(?nb)) } ORDER BY ?s LIMIT 1", "text/csv");
        return r.body().strip().split("\r?\n")[1].strip();
    }

    @Test
    void resourceRedirectsByAccept() {
        String iri = someOrganisation();
        String path = iri.substring(CIP.BASE.length());
        var html = Http.get(node.baseUrl() + "resource/" + path, "Accept", "text/html");
        assertEquals(303, html.statusCode());
        assertEquals(node.baseUrl() + "page/" + path, html.headers().firstValue("Location").orElse(""));
        var ttl = Http.get(node.baseUrl() + "resource/" + path, "Accept", "text/turtle");
        assertEquals(303, ttl.statusCode());
        assertEquals(node.baseUrl() + "data/" + path, ttl.headers().firstValue("Location").orElse(""));
        assertEquals(404, Http.get(node.baseUrl() + "resource/no/agency/does-not-exist", "Accept", "text/html").statusCode());
        assertEquals(404, Http.get(node.baseUrl() + "data/no/agency/does-not-exist.ttl").statusCode());
        assertEquals(404, Http.get(node.baseUrl() + "page/no/agency/does-not-exist").statusCode());
    }

    @Test
    void everyRdfFormatParsesBackToTheDescription() {
        String iri = someOrganisation();
        String path = iri.substring(CIP.BASE.length());
        Model reference = null;
        for (String[] f : new String[][] {{".ttl", "TTL", null}, {".jsonld", "JSONLD", null}, {".nt", "NT", null},
                {"", "TTL", "text/turtle"}, {"", "JSONLD", "application/ld+json"}, {"", "NT", "application/n-triples"}}) {
            var r = f[2] == null ? Http.get(node.baseUrl() + "data/" + path + f[0]) : Http.get(node.baseUrl() + "data/" + path, "Accept", f[2]);
            assertEquals(200, r.statusCode(), String.join(" ", f[0], String.valueOf(f[2])));
            Model m = ModelFactory.createDefaultModel();
            m.read(new StringReader(r.body()), null, f[1]);
            assertTrue(m.contains(m.createResource(iri), null, (org.apache.jena.rdf.model.RDFNode) null));
            if (reference == null) reference = m;
            else assertTrue(reference.isIsomorphicWith(m), f[1] + " " + f[2]);
        }
        assertEquals(data.find(org.apache.jena.graph.NodeFactory.createURI(iri), Node.ANY, Node.ANY).toList().size(),
                reference.listStatements(reference.createResource(iri), null, (org.apache.jena.rdf.model.RDFNode) null).toList().size());
    }

    @Test
    void pageUsesTheVisitorsLanguage() {
        String iri = someOrganisation();
        String path = iri.substring(CIP.BASE.length());
        String en = labelOf(iri, "en"), nb = labelOf(iri, "nb");
        var english = Http.get(node.baseUrl() + "page/" + path, "Accept-Language", "en-GB,en;q=0.8");
        assertTrue(english.body().contains("<h1>" + LinkedData.esc(en) + "</h1>"), english.body());
        var norwegian = Http.get(node.baseUrl() + "page/" + path, "Accept-Language", "nb,en;q=0.5");
        assertTrue(norwegian.body().contains("<h1>" + LinkedData.esc(nb) + "</h1>"), norwegian.body());
        var fallback = Http.get(node.baseUrl() + "page/" + path, "Accept-Language", "ja");
        assertTrue(fallback.body().contains("<h1>" + LinkedData.esc(en) + "</h1>"), "falls back to English");
        assertTrue(english.body().contains("query this"));
        assertTrue(english.body().contains("data/" + path + ".ttl"));
    }

    /**
     * A graph stored before the link shapes existed (written to the store directly, past the gate):
     * the page shows dangerous links as text, survives a blank-node loop and a malformed
     * Accept-Language.
     */
    @Test
    void pagesLinkOnlyWebAndMailAddressesAndSurviveLoopsAndBadHeaders() throws Exception {
        String co = "https://w3id.org/cipnet/no/cluster-organisation/unsafe";
        Graph g = GraphFactory.createDefaultGraph();
        org.apache.jena.riot.RDFParser.fromString("""
                @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <%s> skos:prefLabel "Unsafe"@en ; foaf:homepage <javascript:alert(1)> ; foaf:page <https://example.org/ok> ;
                  <https://schema.org/email> <mailto:post@example.org> ; <javascript:alert(2)> "x" ;
                  <https://w3id.org/cipnet/ontology#period> _:a .
                _:a <urn:x:next> _:b . _:b <urn:x:next> _:a .
                """.formatted(co), org.apache.jena.riot.Lang.TURTLE).parse(g);
        try (NationalNode unsafe = NationalNode.start(NodeConfig.of("no", dir.resolve("unsafe"), 0), Checkout.validator())) {
            unsafe.store().replace(g, "test", "written past the gate", new VoidDescription("no", unsafe.sparqlUrl(), n -> false));
            String page = unsafe.baseUrl() + "page/no/cluster-organisation/unsafe";
            var r = Http.get(page, "Accept-Language", "en");
            assertEquals(200, r.statusCode(), r.body());
            assertFalse(r.body().toLowerCase(java.util.Locale.ROOT).contains("href=\"javascript:"), r.body());
            assertTrue(r.body().contains("javascript:alert(1)"), "shown as text: " + r.body());
            assertTrue(r.body().contains("href=\"https://example.org/ok\""), r.body());
            assertTrue(r.body().contains("href=\"mailto:post@example.org\""), r.body());
            for (String bad : new String[] {"en;q=abc", "nb;q=2, en;q=-1", ";q=", "en;q=0.5;q=x"}) {
                var odd = Http.get(page, "Accept-Language", bad);
                assertEquals(200, odd.statusCode(), bad + ": " + odd.body());
                assertTrue(odd.body().contains("<h1>Unsafe</h1>"), bad + ": " + odd.body());
            }
        }
    }

    private static String labelOf(String iri, String lang) {
        return data.find(org.apache.jena.graph.NodeFactory.createURI(iri), org.apache.jena.vocabulary.SKOS.prefLabel.asNode(), Node.ANY).toList()
                .stream().filter(t -> t.getObject().getLiteralLanguage().equals(lang)).findFirst().orElseThrow().getObject().getLiteralLexicalForm();
    }
}
