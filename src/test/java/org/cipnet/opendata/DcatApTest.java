package org.cipnet.opendata;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.cipnet.node.NationalNode;
import org.cipnet.testing.Http;
import org.cipnet.testing.TestNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The network's catalogue at the federator and each node's dataset description, validated against
 * the official DCAT-AP 3.0.1 SHACL shapes (src/test/resources/dcat-ap-3.0.1): no violation of the
 * mandatory constraints and ranges, and a recommended property missing only where the graph's own
 * self-description does not have it either.
 */
class DcatApTest {
    static Shapes mandatory, recommended;
    static TestNetwork net;

    @BeforeAll
    static void load() {
        Graph m = GraphFactory.createDefaultGraph();
        for (String f : List.of("shapes.ttl", "range.ttl")) RDFParser.source(resource(f)).lang(Lang.TURTLE).parse(m);
        mandatory = Shapes.parse(m);
        recommended = Shapes.parse(RDFParser.source(resource("shapes_recommended.ttl")).lang(Lang.TURTLE).toGraph());
        net = TestNetwork.get();
    }

    private static String resource(String name) {
        return DcatApTest.class.getResource("/dcat-ap-3.0.1/" + name).toString();
    }

    private static Graph get(String url, String accept, Lang lang) {
        var r = Http.get(url, "Accept", accept);
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(lang.getContentType().getContentTypeStr()),
                url + " answered " + r.headers().firstValue("Content-Type"));
        return RDFParser.create().source(new StringReader(r.body())).lang(lang).base(url).toGraph();
    }

    private static void assertValid(Graph dcat, String where) {
        ValidationReport report = ShaclValidator.get().validate(mandatory, dcat);
        List<String> violations = new ArrayList<>();
        for (ReportEntry e : report.getEntries())
            if (e.severity() == Severity.Violation) violations.add(e.focusNode() + " " + e.resultPath() + ": " + e.message());
        assertEquals(List.of(), violations, where + " violates DCAT-AP 3.0.1");
        for (ReportEntry e : ShaclValidator.get().validate(recommended, dcat).getEntries()) {
            Node focus = e.focusNode();
            assertFalse(dcat.contains(focus, RDF.type.asNode(), Dcat.Distribution),
                    where + ": a distribution lacks the recommended " + e.resultPath());
            if (e.resultPath() == null) continue;
            Node path = NodeFactory.createURI(e.resultPath().toString().replaceAll("^<|>$", ""));
            assertFalse(net.central.contains(focus, path, Node.ANY),
                    where + ": the data has " + path + " for " + focus + ", but the description leaves it out");
        }
    }

    @Test
    void catalogueConformsInEverySyntaxAndHasEveryNationalGraph() {
        String url = "http://localhost:" + net.federator.port() + "/catalog";
        Graph ttl = get(url, "text/turtle", Lang.TURTLE);
        assertTrue(ttl.isIsomorphicWith(get(url, "application/ld+json", Lang.JSONLD)), "JSON-LD says the same as Turtle");
        assertTrue(ttl.isIsomorphicWith(get(url, "application/rdf+xml", Lang.RDFXML)), "RDF/XML says the same as Turtle");
        assertValid(ttl, "/catalog");
        // The shapes do bite: without its descriptions a dataset is a violation.
        Graph broken = GraphFactory.createDefaultGraph();
        ttl.find().filterDrop(t -> t.getPredicate().equals(Dcat.description) && ttl.contains(t.getSubject(), RDF.type.asNode(), Dcat.Dataset))
                .forEachRemaining(broken::add);
        assertFalse(ShaclValidator.get().validate(mandatory, broken).conforms());

        Node catalog = NodeFactory.createURI("https://w3id.org/cipnet/net/catalog");
        assertTrue(ttl.contains(catalog, RDF.type.asNode(), Dcat.Catalog));
        Set<String> listed = new TreeSet<>(), expected = new TreeSet<>();
        ttl.find(catalog, Dcat.dataset, Node.ANY).forEachRemaining(t -> listed.add(t.getObject().getURI()));
        net.central.find(Node.ANY, RDF.type.asNode(), Dcat.Dataset).forEachRemaining(t -> expected.add(t.getSubject().getURI()));
        assertEquals(expected, listed, "one dcat:Dataset per national graph");
        Node service = ttl.find(catalog, Dcat.service, Node.ANY).mapWith(Triple::getObject)
                .filterKeep(s -> ttl.contains(s, Dcat.endpointURL, NodeFactory.createURI(net.federator.sparqlUrl()))).next();
        assertEquals(listed.size(), ttl.find(service, Dcat.servesDataset, Node.ANY).toList().size(), "the federated endpoint serves every dataset");
    }

    @Test
    void schemaOrgMarkupNamesEveryDatasetWithItsDownloads() {
        Graph catalog = get("http://localhost:" + net.federator.port() + "/catalog", "text/turtle", Lang.TURTLE);
        String json = SchemaOrg.jsonLd(catalog);
        assertFalse(json.contains("</"), "cannot close the script element it is embedded in");
        Graph g = RDFParser.fromString(json, Lang.JSONLD).toGraph();
        Node dataset = NodeFactory.createURI("https://schema.org/Dataset");
        List<Node> datasets = g.find(Node.ANY, RDF.type.asNode(), dataset).mapWith(Triple::getSubject).toList();
        assertEquals(catalog.find(Node.ANY, RDF.type.asNode(), Dcat.Dataset).toList().size(), datasets.size());
        for (Node ds : datasets) {
            assertTrue(g.contains(ds, NodeFactory.createURI("https://schema.org/name"), Node.ANY), ds + " has a name");
            assertEquals(2, g.find(ds, NodeFactory.createURI("https://schema.org/distribution"), Node.ANY).toList().size(), ds + " downloads");
        }
    }

    @Test
    void eachNodeDescribesItsDatasetFromItsSelfDescription() {
        for (NationalNode n : net.nodes) {
            String cc = n.country();
            Graph dcat = get(n.baseUrl() + cc + "/dcat", "text/turtle", Lang.TURTLE);
            assertValid(dcat, cc + "/dcat");
            Node ds = NodeFactory.createURI("https://w3id.org/cipnet/" + cc + "/dataset");
            for (Node p : List.of(Dcat.title, Dcat.publisher, Dcat.spatial, Dcat.modified, Dcat.description))
                for (Node o : net.central.find(ds, p, Node.ANY).mapWith(Triple::getObject).toList())
                    assertTrue(dcat.contains(ds, p, o), cc + ": the self-description's " + p + " " + o + " is in the DCAT");
            Node publisher = net.central.find(ds, Dcat.publisher, Node.ANY).next().getObject();
            assertTrue(dcat.contains(publisher, Dcat.name, Node.ANY), cc + ": the publisher is named");
            // The SPARQL endpoint, as a distribution with its data service, and two dumps with size and checksum.
            assertTrue(dcat.contains(Node.ANY, Dcat.endpointURL, NodeFactory.createURI(n.sparqlUrl())), cc);
            List<Node> dumps = dcat.find(Node.ANY, Dcat.downloadURL, Node.ANY).mapWith(Triple::getSubject).toList();
            assertEquals(2, dumps.size(), cc + ": N-Triples (gzip) and Turtle dumps");
            for (Node d : dumps) {
                assertTrue(dcat.contains(d, Dcat.byteSize, Node.ANY), cc + ": byte size of " + d);
                assertTrue(dcat.contains(d, Dcat.checksum, Node.ANY), cc + ": checksum of " + d);
                assertTrue(dcat.contains(ds, Dcat.distribution, d));
            }
            String modified = dcat.find(dumps.get(0), Dcat.modified, Node.ANY).next().getObject().getLiteralLexicalForm();
            assertTrue(modified.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), "ISO 8601: " + modified);
        }
    }
}
