package org.cipnet.node;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.cipnet.vocab.CIP;

/**
 * Computes a national graph's VoID description: size, class and property partitions, and link sets
 * that count, per predicate, the objects falling in each other member's URI space. The federator
 * plans from these numbers.
 */
public final class VoidDescription {
    public static final String VOID = "http://rdfs.org/ns/void#";

    /** The link-set target for objects that are described in the shared reference graph. */
    public static final String REFERENCE_TARGET = "reference";

    private final String country;
    private final String endpoint;
    private final java.util.function.Predicate<Node> inReference;

    /**
     * @param endpoint    the public URL of the node's SPARQL endpoint
     * @param inReference whether a node is a subject of the reference graph (links to it are counted too)
     */
    public VoidDescription(String country, String endpoint, java.util.function.Predicate<Node> inReference) {
        this.country = country;
        this.endpoint = endpoint;
        this.inReference = inReference;
    }

    public static Node datasetOf(String cc) {
        return NodeFactory.createURI(CIP.uriSpace(cc) + "dataset");
    }

    /** Counts {@code data} and describes it: the recount the statistics of a publication's own pass must equal. */
    public Graph describe(Graph data) {
        Counts counts = counts();
        data.find().forEachRemaining(counts::add);
        return describe(counts);
    }

    /** An empty tally for this node's description, fed one triple at a time by the pass that stores a publication. */
    public Counts counts() {
        return new Counts();
    }

    /**
     * The statistics VoID reports, gathered one triple at a time so that a publication is counted in
     * the same pass that writes it to the store, not in a pass of its own.
     */
    public final class Counts {
        private final String space = CIP.uriSpace(country);
        private long triples;
        private final Set<Node> subjects = new HashSet<>();
        private final Set<Node> objects = new HashSet<>();
        private final Set<Node> entities = new HashSet<>();
        private final Map<Node, Set<Node>> classMembers = new HashMap<>();
        private final Map<Node, long[]> propertyTriples = new HashMap<>();
        private final Map<Node, Set<Node>> propertySubjects = new HashMap<>();
        private final Map<Node, Set<Node>> propertyObjects = new HashMap<>();
        private final Map<Node, Map<String, Long>> links = new HashMap<>();
        /** The link target of each IRI object seen (or ""): an IRI recurs in many triples, and finding its target parses it. */
        private final Map<Node, String> targets = new HashMap<>();

        private Counts() {}

        public void add(Triple t) {
            Node s = t.getSubject(), p = t.getPredicate(), o = t.getObject();
            triples++;
            subjects.add(s);
            objects.add(o);
            if (s.isURI() && s.getURI().startsWith(space)) entities.add(s);
            if (p.equals(RDF.type.asNode())) classMembers.computeIfAbsent(o, k -> new HashSet<>()).add(s);
            propertyTriples.computeIfAbsent(p, k -> new long[1])[0]++;
            propertySubjects.computeIfAbsent(p, k -> new HashSet<>()).add(s);
            propertyObjects.computeIfAbsent(p, k -> new HashSet<>()).add(o);
            String target = o.isURI() ? targets.computeIfAbsent(o, this::target) : "";
            if (!target.isEmpty() && !target.equals(country))
                links.computeIfAbsent(p, k -> new HashMap<>()).merge(target, 1L, Long::sum);
        }

        /** The member whose space holds the IRI {@code o}, the reference graph if it describes {@code o}, or "" for neither. */
        private String target(Node o) {
            String member = memberSpace(o);
            if (member != null) return member;
            return inReference.test(o) ? REFERENCE_TARGET : "";
        }
    }

    /** The VoID description of the triples {@code c} has counted. */
    public Graph describe(Counts c) {
        Graph g = GraphFactory.createDefaultGraph();
        Node ds = datasetOf(country);
        Node voidDataset = uri(VOID + "Dataset");
        g.add(ds, RDF.type.asNode(), voidDataset);
        g.add(ds, uri(VOID + "uriSpace"), NodeFactory.createLiteralString(c.space));
        g.add(ds, uri(VOID + "sparqlEndpoint"), uri(endpoint));
        g.add(ds, uri(VOID + "triples"), count(c.triples));
        g.add(ds, uri(VOID + "entities"), count(c.entities.size()));
        g.add(ds, uri(VOID + "distinctSubjects"), count(c.subjects.size()));
        g.add(ds, uri(VOID + "distinctObjects"), count(c.objects.size()));
        g.add(ds, uri(VOID + "classes"), count(c.classMembers.size()));
        g.add(ds, uri(VOID + "properties"), count(c.propertyTriples.size()));
        g.add(ds, DCTerms.modified.asNode(), NodeFactory.createLiteralDT(Instant.now().toString(), XSDDatatype.XSDdateTime));
        c.classMembers.forEach((cls, members) -> {
            Node part = NodeFactory.createBlankNode();
            g.add(ds, uri(VOID + "classPartition"), part);
            g.add(part, uri(VOID + "class"), cls);
            g.add(part, uri(VOID + "entities"), count(members.size()));
        });
        c.propertyTriples.forEach((p, n) -> {
            Node part = NodeFactory.createBlankNode();
            g.add(ds, uri(VOID + "propertyPartition"), part);
            g.add(part, uri(VOID + "property"), p);
            g.add(part, uri(VOID + "triples"), count(n[0]));
            g.add(part, uri(VOID + "distinctSubjects"), count(c.propertySubjects.get(p).size()));
            g.add(part, uri(VOID + "distinctObjects"), count(c.propertyObjects.get(p).size()));
        });
        c.links.forEach((p, byTarget) -> byTarget.forEach((target, n) -> {
            Node ls = NodeFactory.createURI(CIP.uriSpace(country) + "linkset/" + target + "/" + Integer.toHexString(p.getURI().hashCode()));
            g.add(ls, RDF.type.asNode(), uri(VOID + "Linkset"));
            g.add(ds, uri(VOID + "subset"), ls);
            g.add(ls, uri(VOID + "subjectsTarget"), ds);
            g.add(ls, uri(VOID + "objectsTarget"), target.equals(REFERENCE_TARGET) ? GraphNames.REFERENCE : datasetOf(target));
            g.add(ls, uri(VOID + "linkPredicate"), p);
            g.add(ls, uri(VOID + "triples"), count(n));
        }));
        return g;
    }

    /** The member whose URI space holds this IRI, or null. */
    static String memberSpace(Node o) {
        return o.isURI() ? CIP.memberOf(o.getURI()) : null;
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    private static Node count(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }
}
