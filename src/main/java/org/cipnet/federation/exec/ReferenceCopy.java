package org.cipnet.federation.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.syntax.ElementPathBlock;

/**
 * A plain member's copy of the reference graph (a stock store loaded with cipnet's vocabularies next
 * to its data). Its ground triples are the federator's own, and a union counts them once; its blank
 * nodes carry the member's labels, so without this every pattern through the reference graph's blank
 * nodes (a programme level's {@code cip:period}) matched twice. A member holds a copy when it answers
 * {@link #ask} (the reference graph's blank-node structures, anchored at their IRIs, as one pattern);
 * then, per query, one copy of each such structure the query can see is taken out of what the member
 * sent, matched by isomorphism. Which of several isomorphic structures goes makes no difference to
 * any answer: the query sees only those triples, and they are the same up to blank-node labels.
 */
final class ReferenceCopy {
    private ReferenceCopy() {}

    /**
     * The reference graph's blank-node structures as a query limited to these predicates (null: any)
     * sees them: each connected group of blank nodes with the triples that mention them.
     */
    static List<Graph> parts(Graph reference, Set<Node> predicates) {
        Graph seen = GraphFactory.createPlainGraph();
        reference.find().forEachRemaining(t -> {
            if ((t.getSubject().isBlank() || t.getObject().isBlank()) && (predicates == null || predicates.contains(t.getPredicate()))) seen.add(t);
        });
        return components(seen);
    }

    /**
     * {@code ASK} whether a member holds every blank-node structure of the reference graph (its
     * blank nodes as variables, its IRIs and literals as they are); null when it has none.
     */
    static String ask(Graph reference) {
        ElementPathBlock block = new ElementPathBlock();
        Map<Node, Var> vars = new HashMap<>();
        reference.find().forEachRemaining(t -> {
            if (t.getSubject().isBlank() || t.getObject().isBlank())
                block.addTriple(Triple.create(var(t.getSubject(), vars), t.getPredicate(), var(t.getObject(), vars)));
        });
        if (vars.isEmpty()) return null;
        org.apache.jena.sparql.syntax.ElementGroup where = new org.apache.jena.sparql.syntax.ElementGroup();
        where.addElement(block);
        Query q = new Query();
        q.setQueryAskType();
        q.setQueryPattern(where);
        return q.serialize();
    }

    private static Node var(Node n, Map<Node, Var> vars) {
        return n.isBlank() ? vars.computeIfAbsent(n, k -> Var.alloc("b" + vars.size())) : n;
    }

    /**
     * Takes one structure isomorphic to each of {@code parts} out of {@code held}; false (and
     * {@code held} unchanged) when some part has none: the member's copy is not the reference graph.
     */
    static boolean remove(Graph held, List<Graph> parts) {
        Map<String, List<Graph>> byShape = new HashMap<>();
        for (Graph c : components(held)) byShape.computeIfAbsent(shape(c), k -> new ArrayList<>()).add(c);
        List<Graph> matched = new ArrayList<>();
        for (Graph part : parts) {
            List<Graph> candidates = byShape.getOrDefault(shape(part), List.of());
            Graph partner = candidates.stream().filter(part::isIsomorphicWith).findFirst().orElse(null);
            if (partner == null) return false;
            candidates.remove(partner);
            matched.add(partner);
        }
        matched.forEach(c -> c.find().forEachRemaining(held::delete));
        return true;
    }

    /** The triples of a structure with its blank nodes unnamed, sorted: isomorphic structures have the same shape. */
    private static String shape(Graph g) {
        return g.find().mapWith(t -> unnamed(t.getSubject()) + " " + t.getPredicate() + " " + unnamed(t.getObject())).toList().stream()
                .sorted().reduce("", (a, b) -> a + "\n" + b);
    }

    private static String unnamed(Node n) {
        return n.isBlank() ? "[]" : n.toString();
    }

    /** The triples that mention a blank node, grouped by connected blank nodes. */
    private static List<Graph> components(Graph g) {
        Map<Node, Node> parent = new HashMap<>();
        g.find().forEachRemaining(t -> {
            if (t.getSubject().isBlank() && t.getObject().isBlank()) {
                Node a = root(parent, t.getSubject()), b = root(parent, t.getObject());
                if (!a.equals(b)) parent.put(a, b);
            }
        });
        Map<Node, Graph> out = new java.util.LinkedHashMap<>();
        g.find().forEachRemaining(t -> {
            Node b = t.getSubject().isBlank() ? t.getSubject() : t.getObject().isBlank() ? t.getObject() : null;
            if (b != null) out.computeIfAbsent(root(parent, b), k -> GraphFactory.createPlainGraph()).add(t);
        });
        return new ArrayList<>(out.values());
    }

    private static Node root(Map<Node, Node> parent, Node n) {
        Node r = n;
        while (parent.containsKey(r)) r = parent.get(r);
        return r;
    }
}
