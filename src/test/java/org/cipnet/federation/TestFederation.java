package org.cipnet.federation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.federation.members.Member;

/**
 * A federation of stock Fuseki servers (in-memory, no VoID, so source selection uses ASK probes)
 * over generated data, split by the ownership contract, plus one central store holding everything.
 * Stock Fuseki is configured only to keep blank-node labels stable, as any Jena endpoint can be.
 */
final class TestFederation implements AutoCloseable {
    static final String BASE = "https://w3id.org/cipnet/synthetic/";
    static final String P = BASE + "p/";

    final List<FusekiServer> servers = new ArrayList<>();
    final List<Member> members = new ArrayList<>();
    final Graph central = GraphFactory.createDefaultGraph();
    final Graph reference = GraphFactory.createDefaultGraph();
    final Federator federator;

    TestFederation(int memberCount, int subjectsPerMember, long seed) {
        Random rnd = new Random(seed);
        Map<Integer, Graph> parts = new HashMap<>();
        for (int m = 0; m < memberCount; m++) parts.put(m, GraphFactory.createDefaultGraph());
        // Reference graph: a small code list with labels, held locally by the federator.
        for (int c = 0; c < 5; c++) {
            Node concept = NodeFactory.createURI(BASE + "vocab/c" + c);
            reference.add(concept, uri(P + "label"), NodeFactory.createLiteralLang("Concept " + c, "en"));
            reference.add(concept, uri(P + "rank"), NodeFactory.createLiteralDT(Integer.toString(c), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
        }
        for (int m = 0; m < memberCount; m++) {
            Graph g = parts.get(m);
            for (int i = 0; i < subjectsPerMember; i++) {
                Node s = subject(m, i);
                g.add(s, uri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), uri(P + (i % 3 == 0 ? "Cluster" : "Org")));
                g.add(s, uri(P + "name"), NodeFactory.createLiteralLang("Name " + m + "-" + i, "en"));
                if (rnd.nextBoolean()) g.add(s, uri(P + "name"), NodeFactory.createLiteralLang("Navn " + m + "-" + i, "nb"));
                g.add(s, uri(P + "size"), NodeFactory.createLiteralDT(Integer.toString(rnd.nextInt(50)), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
                g.add(s, uri(P + "code"), uri(BASE + "vocab/c" + rnd.nextInt(5)));
                if (rnd.nextInt(3) > 0) {
                    int om = rnd.nextInt(4) == 0 ? rnd.nextInt(memberCount) : m; // some links cross members
                    g.add(s, uri(P + "link"), subject(om, rnd.nextInt(subjectsPerMember)));
                }
                if (rnd.nextInt(4) == 0) g.add(s, uri(P + "link"), subject(m, rnd.nextInt(subjectsPerMember)));
                if (rnd.nextBoolean()) {
                    Node period = NodeFactory.createBlankNode();
                    g.add(s, uri(P + "period"), period);
                    g.add(period, uri(P + "begin"), NodeFactory.createLiteralDT(Integer.toString(2000 + rnd.nextInt(20)), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
                    if (rnd.nextBoolean())
                        g.add(period, uri(P + "end"), NodeFactory.createLiteralDT(Integer.toString(2010 + rnd.nextInt(20)), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
                }
            }
        }
        reference.find().forEachRemaining(central::add);
        for (int m = 0; m < memberCount; m++) {
            Graph g = parts.get(m);
            g.find().forEachRemaining(central::add);
            DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
            g.find().forEachRemaining(dsg.getDefaultGraph()::add);
            dsg.getContext().set(ARQ.outputGraphBNodeLabels, true);
            FusekiServer server = FusekiServer.create().port(0).loopback(true).add("/m" + m, dsg, false).build().start();
            servers.add(server);
            members.add(new Member("m" + m, "http://localhost:" + server.getHttpPort() + "/m" + m + "/sparql", BASE + "m" + m + "/",
                    null, Duration.ofSeconds(20), 4));
        }
        federator = Federator.start(FederatorConfig.of(members, 0), reference);
    }

    static Node subject(int member, int i) {
        return NodeFactory.createURI(BASE + "m" + member + "/org/" + i);
    }

    static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    @Override
    public void close() {
        federator.close();
        servers.forEach(FusekiServer::stop);
    }
}
