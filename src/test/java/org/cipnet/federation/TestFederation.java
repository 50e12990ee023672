package org.cipnet.federation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.federation.members.Member;

/**
 * A federation of real member stores over generated data, plus one central store holding everything.
 * With {@link MemberServers.Kind#CONTRACT} members (Fuseki keeping blank-node labels stable, given a
 * URI space but no VoID, so source selection uses ASK probes) the data is split by the ownership
 * contract, and so with {@link MemberServers.Kind#NODE} members (the same, serving VoID with link sets
 * and holding the reference graph as a named graph, as cipnet nodes do); with plain members (stock Fuseki, Oxigraph) each triple goes to a member at random (a
 * subject's triples spread over members), blank nodes kept whole within one member as RDF requires.
 */
final class TestFederation implements AutoCloseable {
    static final String BASE = "https://w3id.org/cipnet/synthetic/";
    static final String P = BASE + "p/";

    final List<MemberServers.Store> servers = new ArrayList<>();
    final List<Member> members = new ArrayList<>();
    final Graph central = GraphFactory.createDefaultGraph();
    final Graph reference = GraphFactory.createDefaultGraph();
    final Federator federator;

    TestFederation(int memberCount, int subjectsPerMember, long seed) {
        this(MemberServers.Kind.CONTRACT, memberCount, subjectsPerMember, seed);
    }

    TestFederation(MemberServers.Kind kind, int memberCount, int subjectsPerMember, long seed) {
        this(kind, memberCount, subjectsPerMember, seed, false);
    }

    /**
     * @param referenceCopy the reference graph's concepts also get periods (blank nodes, as the
     *     programme levels have), and the first plain member holds a copy of the reference graph, as
     *     a stock store loaded with cipnet's vocabularies would (its own blank nodes)
     */
    TestFederation(MemberServers.Kind kind, int memberCount, int subjectsPerMember, long seed, boolean referenceCopy) {
        Random rnd = new Random(seed);
        Map<Integer, Graph> parts = new HashMap<>();
        for (int m = 0; m < memberCount; m++) parts.put(m, GraphFactory.createDefaultGraph());
        // Reference graph: a small code list with labels, held locally by the federator.
        for (int c = 0; c < 5; c++) {
            Node concept = NodeFactory.createURI(BASE + "vocab/c" + c);
            reference.add(concept, uri(P + "label"), NodeFactory.createLiteralLang("Concept " + c, "en"));
            reference.add(concept, uri(P + "rank"), NodeFactory.createLiteralDT(Integer.toString(c), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
            if (referenceCopy) {
                Node period = NodeFactory.createBlankNode();
                reference.add(concept, uri(P + "period"), period);
                reference.add(period, uri(P + "begin"), NodeFactory.createLiteralDT(Integer.toString(2000 + c % 3), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
                if (c % 2 == 0) reference.add(period, uri(P + "end"), NodeFactory.createLiteralDT(Integer.toString(2010 + c), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
            }
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
        parts.values().forEach(g -> g.find().forEachRemaining(central::add));
        if (kind.plain()) parts = spread(central.find().filterDrop(reference::contains).toList(), memberCount, new Random(seed + 1));
        if (kind.plain() && referenceCopy) {
            Map<Node, Node> own = new HashMap<>();
            Graph first = parts.get(0);
            reference.find().forEachRemaining(t -> first.add(Triple.create(copy(t.getSubject(), own), t.getPredicate(), copy(t.getObject(), own))));
        }
        List<String> specs = new ArrayList<>();
        for (int m = 0; m < memberCount; m++) {
            MemberServers.Store store = MemberServers.start(kind, "m" + m);
            if (kind == MemberServers.Kind.NODE) store.loadAsNode("m" + m, parts.get(m), reference);
            else store.load(parts.get(m));
            servers.add(store);
            if (kind.plain()) specs.add("m" + m + "=" + store.endpoint());
            else members.add(new Member("m" + m, store.endpoint(), BASE + "m" + m + "/", store.voidUrl(), Duration.ofSeconds(20), 4));
        }
        if (kind.plain()) {
            try {
                members.addAll(org.cipnet.federation.members.MemberDiscovery.resolve(specs));
            } catch (org.cipnet.rdf.RdfInputException e) {
                throw new IllegalStateException(e);
            }
        }
        federator = Federator.start(FederatorConfig.of(members, 0), reference);
    }

    /**
     * Each triple to a random member, except that a blank node and every triple mentioning it stay
     * with one member (a blank node cannot be shared between two graphs).
     */
    static Map<Integer, Graph> spread(List<Triple> triples, int memberCount, Random rnd) {
        Map<Integer, Graph> out = new HashMap<>();
        for (int m = 0; m < memberCount; m++) out.put(m, GraphFactory.createDefaultGraph());
        // Blank nodes linked to each other form one component, which one member holds whole.
        Map<Node, Node> parent = new HashMap<>();
        for (Triple t : triples)
            if (t.getSubject().isBlank() && t.getObject().isBlank()) parent.put(root(parent, t.getSubject()), root(parent, t.getObject()));
        Map<Node, Integer> component = new HashMap<>();
        for (Triple t : triples) {
            Node b = t.getSubject().isBlank() ? t.getSubject() : t.getObject().isBlank() ? t.getObject() : null;
            int m = b == null ? rnd.nextInt(memberCount) : component.computeIfAbsent(root(parent, b), k -> rnd.nextInt(memberCount));
            out.get(m).add(t);
        }
        return out;
    }

    private static Node root(Map<Node, Node> parent, Node n) {
        while (parent.containsKey(n) && !parent.get(n).equals(n)) n = parent.get(n);
        return n;
    }

    /** This federation's members and one more (a faulty one, in fault tests). */
    List<Member> membersAnd(Member extra) {
        List<Member> out = new ArrayList<>(members);
        out.add(extra);
        return out;
    }

    /** A GET query at a federator with extra request parameters ({@code "partial=true&"} or ""), SPARQL JSON accepted. */
    static java.net.http.HttpResponse<String> get(Federator f, String query, String params) {
        return org.cipnet.testing.Http.get(f.sparqlUrl() + "?" + params + "query=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8),
                "Accept", "application/sparql-results+json");
    }

    private static Node copy(Node n, Map<Node, Node> blanks) {
        return n.isBlank() ? blanks.computeIfAbsent(n, k -> NodeFactory.createBlankNode()) : n;
    }

    static Node subject(int member, int i) {
        return NodeFactory.createURI(BASE + "m" + member + "/org/" + i);
    }

    /** A request as explain lists it ({@code member: text}), parsed with Jena's parser: tests look at its query, not its layout. */
    static org.apache.jena.query.Query sentQuery(String listed) {
        return org.apache.jena.query.QueryFactory.create(listed.substring(listed.indexOf(": ") + 2), org.apache.jena.query.Syntax.syntaxARQ);
    }

    static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    @Override
    public void close() {
        federator.close();
        servers.forEach(MemberServers.Store::close);
    }
}
