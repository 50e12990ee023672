package org.cipnet.opendata;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.cipnet.node.NationalNode;
import org.cipnet.testing.Http;
import org.cipnet.testing.TestNetwork;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS on the read-only endpoints only, /.well-known/void, describedby links, and the federator's Service Description. */
class DiscoveryAndCorsTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String VOID = "http://rdfs.org/ns/void#";
    static TestNetwork net;
    static NationalNode no;
    static String fed;

    @BeforeAll
    static void start() {
        net = TestNetwork.get();
        no = net.nodes.stream().filter(n -> n.country().equals("no")).findFirst().orElseThrow();
        fed = "http://localhost:" + net.federator.port() + "/";
    }

    static HttpResponse<String> preflight(String url, String method) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://portal.example.org").header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
    }

    static Graph turtle(String url) {
        var r = Http.get(url, "Accept", "text/turtle");
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return RDFParser.create().source(new StringReader(r.body())).lang(Lang.TURTLE).toGraph();
    }

    @Test
    void readOnlyEndpointsAllowOtherOriginsWithoutCredentials() throws Exception {
        for (String url : new String[] {fed + "sparql", no.sparqlUrl()}) {
            var r = preflight(url, "POST");
            assertEquals(204, r.statusCode(), url);
            assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null), url);
            assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"), url);
            assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase().contains("content-type"), url);
            assertTrue(r.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), url);
            var q = Http.get(url + "?query=ASK%7B%7D", "Origin", "https://portal.example.org", "Accept", "application/sparql-results+json");
            assertEquals(200, q.statusCode());
            assertEquals("*", q.headers().firstValue("Access-Control-Allow-Origin").orElse(null), url);
        }
        for (String url : new String[] {fed + "catalog", fed + ".well-known/void", no.baseUrl() + "no/void", no.baseUrl() + "no/dcat",
                no.baseUrl() + "no/dump.nt.gz", no.baseUrl() + "data/no/agency/innovation-norway"}) {
            assertEquals("*", preflight(url, "GET").headers().firstValue("Access-Control-Allow-Origin").orElse(null), url);
            assertEquals("*", Http.get(url, "Origin", "https://portal.example.org").headers()
                    .firstValue("Access-Control-Allow-Origin").orElse(null), url);
        }
        for (String write : new String[] {"publish", "rollback"}) {
            var r = preflight(no.baseUrl() + "no/" + write, "POST");
            assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), write + " must not allow other origins");
        }
    }

    @Test
    void wellKnownVoidOnNodesAndFederator() {
        Graph node = turtle(no.baseUrl() + ".well-known/void");
        assertTrue(node.contains(NodeFactory.createURI(CIP.uriSpace("no") + "dataset"), NodeFactory.createURI(VOID + "uriSpace"),
                NodeFactory.createLiteralString(CIP.uriSpace("no"))));
        Graph federation = turtle(fed + ".well-known/void");
        Set<String> endpoints = new HashSet<>();
        federation.find(Node.ANY, NodeFactory.createURI(VOID + "subset"), Node.ANY).forEachRemaining(t ->
                federation.find(t.getObject(), NodeFactory.createURI(VOID + "sparqlEndpoint"), Node.ANY)
                        .forEachRemaining(e -> endpoints.add(e.getObject().getURI())));
        assertEquals(net.nodes.stream().map(NationalNode::sparqlUrl).collect(java.util.stream.Collectors.toSet()), endpoints);
    }

    @Test
    void serviceDescriptionOfTheFederatorListsItsMembers() {
        Graph sd = turtle(fed + "sparql");
        assertTrue(sd.contains(NodeFactory.createURI(fed + "sparql"), NodeFactory.createURI(ServiceDescriptions.SD + "endpoint"), Node.ANY));
        for (NationalNode n : net.nodes) {
            var member = sd.find(Node.ANY, NodeFactory.createURI(VOID + "sparqlEndpoint"), NodeFactory.createURI(n.sparqlUrl()))
                    .filterKeep(t -> sd.contains(t.getSubject(), org.apache.jena.vocabulary.RDF.type.asNode(), NodeFactory.createURI(CIP.FederationMember)))
                    .toList();
            assertEquals(1, member.size(), n.country() + " is listed as a member");
            assertTrue(sd.contains(member.get(0).getSubject(), NodeFactory.createURI(CIP.memberId), NodeFactory.createLiteralString(n.country())));
        }
    }

    @Test
    void theNetworkPageCarriesSchemaOrgDatasets() {
        try (var web = org.cipnet.web.WebFront.start(net.federator.sparqlUrl(), net.members, null, 0)) {
            String html = Http.get(web.url() + "network", "Accept", "text/html").body();
            var m = java.util.regex.Pattern.compile("(?s)<script type=\"application/ld\\+json\">(.*?)</script>").matcher(html);
            assertTrue(m.find(), "the network page embeds JSON-LD");
            Graph g = RDFParser.fromString(m.group(1), Lang.JSONLD).toGraph();
            assertEquals(net.nodes.size(), g.find(Node.ANY, org.apache.jena.vocabulary.RDF.type.asNode(),
                    NodeFactory.createURI("https://schema.org/Dataset")).toList().size(), "one schema:Dataset per national graph");
        }
    }

    @Test
    void resourcesLinkToTheirData() {
        for (String path : new String[] {"resource/", "page/"}) {
            var r = Http.get(no.baseUrl() + path + "no/agency/innovation-norway", "Accept", "text/html");
            assertTrue(r.headers().allValues("Link").contains("<" + no.baseUrl() + "data/no/agency/innovation-norway>; rel=\"describedby\"; type=\"text/turtle\""),
                    path + ": " + r.headers().allValues("Link"));
        }
    }
}
