package org.cipnet.node;

import java.util.List;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.cipnet.vocab.CIP;

/**
 * The ownership contract (DESIGN §2): a member publishes only triples whose subject lies in its
 * own URI space. Blank nodes pass; they hang off the member's own subjects. The shapes check the
 * same rule against a graph's declared {@code void:uriSpace}; the gate checks it against the node's
 * country, so a publication cannot escape it by leaving the dataset description out.
 */
public final class Ownership {
    private Ownership() {}

    /** The IRI subjects of {@code g} outside {@code cc}'s URI space, sorted. */
    public static List<String> foreignSubjects(Graph g, String cc) {
        String space = CIP.uriSpace(cc);
        TreeSet<String> out = new TreeSet<>();
        g.find().forEachRemaining(t -> {
            Node s = t.getSubject();
            if (s.isURI() && !s.getURI().startsWith(space)) out.add(s.getURI());
        });
        return List.copyOf(out);
    }
}
