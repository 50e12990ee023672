package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberDiscovery;
import org.cipnet.rdf.RdfInputException;
import org.cipnet.testing.Http;
import org.cipnet.testing.TestNetwork;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.Test;

/**
 * {@code --member URL}: a SPARQL endpoint URL is used as given and a cipnet node is recognised by
 * its own Service Description and VoID; plain endpoints get no URI space, so a constant subject
 * outside every declared space still reaches them; the reference graph is what the federator is given.
 */
class MemberDiscoveryTest {
    static final String DATA = "<http://example.org/x> <http://example.org/p> 1 .\n_:b <http://example.org/p> <http://example.org/x> .\n";

    static Graph data() {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(DATA, Lang.TURTLE).parse(g);
        return g;
    }

    @Test
    void aStockEndpointUrlIsUsedAsGivenWithAReadableUniqueId() throws Exception {
        try (var a = MemberServers.start(MemberServers.Kind.FUSEKI, "ds"); var b = MemberServers.start(MemberServers.Kind.FUSEKI, "ds")) {
            List<Member> ms = MemberDiscovery.resolve(List.of(a.endpoint(), b.endpoint(), "mine=" + a.endpoint()));
            assertEquals(List.of("ds", "ds-2", "mine"), ms.stream().map(Member::id).toList());
            assertEquals(a.endpoint(), ms.get(0).sparql(), "no /sparql appended");
            for (Member m : ms) {
                assertNull(m.uriSpace(), "no URI space is assumed for " + m);
                assertFalse(m.stableLabels(), "stock Fuseki makes no promise about blank-node labels");
                assertFalse(m.contract());
            }
            assertThrows(RdfInputException.class, () -> MemberDiscovery.resolve(List.of("x=" + a.endpoint(), "x=" + b.endpoint())));
            assertThrows(RdfInputException.class, () -> MemberDiscovery.resolve(List.of("ftp://example.org/sparql")));
        }
    }

    /**
     * A dataset URL whose {@code /sparql} gives no answer at all (a loaded or starting node) must not
     * be taken for the endpoint itself, even when the dataset URL answers with a description.
     */
    @Test
    void aDatasetUrlWhoseEndpointDoesNotAnswerIsNotTakenForTheEndpoint() throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ds/sparql", ex -> ex.close()); // the connection ends without an answer
        server.createContext("/ds", ex -> {
            byte[] sd = ("<" + "http://127.0.0.1:" + server.getAddress().getPort() + "/ds> a <http://www.w3.org/ns/sparql-service-description#Service> .")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/turtle");
            ex.sendResponseHeaders(200, sd.length);
            ex.getResponseBody().write(sd);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/ds";
            assertEquals(base + "/sparql", MemberDiscovery.discover(null, base).sparql());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCipnetNodeIsRecognisedFromItsDatasetUrlOrItsEndpoint() {
        TestNetwork net = TestNetwork.get();
        var node = net.nodes.get(0);
        String cc = node.country();
        for (String url : List.of(node.baseUrl() + cc, node.baseUrl() + cc + "/sparql")) {
            Member m = MemberDiscovery.discover(null, url);
            assertEquals(cc, m.id());
            assertEquals(node.baseUrl() + cc + "/sparql", m.sparql());
            assertEquals(CIP.uriSpace(cc), m.uriSpace(), "from the node's VoID");
            assertTrue(m.stableLabels(), "the node's Service Description declares cip:StableBlankNodeLabels");
            assertTrue(m.contract());
        }
    }

    /** Nothing about a plain member is cached: one that was empty at the first query and then got data is seen at the next. */
    @Test
    void aPlainMemberThatPublishesIsSeenAtTheNextQuery() throws Exception {
        try (var a = MemberServers.start(MemberServers.Kind.FUSEKI, "late");
             Federator fed = Federator.start(FederatorConfig.of(MemberDiscovery.resolve(List.of(a.endpoint())), 0), GraphFactory.createDefaultGraph())) {
            String q = "ASK { ?s <http://example.org/p> 1 }";
            assertTrue(Http.query(fed.sparqlUrl(), q, "application/sparql-results+json").body().contains("false"));
            a.load(data());
            assertTrue(Http.query(fed.sparqlUrl(), q, "application/sparql-results+json").body().contains("true"));
        }
    }

    /** A plain member that describes a contract member's subject breaks that member's declared contract: the query fails, naming both. */
    @Test
    void aPlainMemberDescribingAContractMembersSubjectFailsTheQueryLoudly() throws Exception {
        TestNetwork net = TestNetwork.get();
        Member contract = net.members.get(0);
        try (var a = MemberServers.start(MemberServers.Kind.FUSEKI, "intruder")) {
            Graph g = GraphFactory.createDefaultGraph();
            g.add(NodeFactory.createURI(contract.uriSpace() + "cluster-organisation/x"), NodeFactory.createURI("http://example.org/p"),
                    NodeFactory.createLiteralString("claimed"));
            a.load(g);
            List<Member> members = new java.util.ArrayList<>(List.of(contract));
            members.addAll(MemberDiscovery.resolve(List.of(a.endpoint())));
            try (Federator fed = Federator.start(FederatorConfig.of(members, 0), GraphFactory.createDefaultGraph())) {
                var r = Http.query(fed.sparqlUrl(), "SELECT * { ?s <http://example.org/p> ?o }", "application/sparql-results+json");
                assertEquals(502, r.statusCode(), r.body());
                assertTrue(r.body().contains("intruder") && r.body().contains(contract.id()), r.body());
            }
        }
    }

    @Test
    void plainMembersAnswerConstantSubjectsAndTheReferenceGraphIsOnlyWhatTheFederatorIsGiven() throws Exception {
        try (var a = MemberServers.start(MemberServers.Kind.FUSEKI, "a"); var b = MemberServers.start(MemberServers.Kind.OXIGRAPH, "b")) {
            a.load(data());
            Graph reference = GraphFactory.createDefaultGraph();
            reference.add(NodeFactory.createURI("http://example.org/r"), NodeFactory.createURI("http://example.org/q"), NodeFactory.createURI("http://example.org/s"));
            for (Graph ref : List.of(GraphFactory.createDefaultGraph(), reference))
                try (Federator fed = Federator.start(FederatorConfig.of(MemberDiscovery.resolve(List.of(a.endpoint(), b.endpoint())), 0), ref)) {
                    var ask = Http.query(fed.sparqlUrl(), "ASK { <http://example.org/x> <http://example.org/p> 1 }", "application/sparql-results+json");
                    assertEquals(200, ask.statusCode(), ask.body());
                    assertTrue(ask.body().contains("true"), ask.body());
                    var all = Http.query(fed.sparqlUrl(), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "application/sparql-results+json");
                    assertTrue(all.body().contains("\"" + (2 + ref.size()) + "\""), "the members' 2 triples and the reference graph's " + ref.size() + ": " + all.body());
                }
        }
    }
}
