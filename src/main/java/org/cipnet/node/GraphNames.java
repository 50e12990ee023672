package org.cipnet.node;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.cipnet.vocab.CIP;

/** The named graphs a node keeps beside the national (default) graph. */
public final class GraphNames {
    private GraphNames() {}

    /** The shared ontology and vocabularies, identical on every node and the federator. */
    public static final Node REFERENCE = NodeFactory.createURI(CIP.BASE + "graph/reference");

    /** The version log of country {@code cc}. */
    public static Node versions(String cc) {
        return NodeFactory.createURI(CIP.uriSpace(cc) + "graph/versions");
    }

    /**
     * Names the kept changes of version {@code n} (the version log points to it while they are
     * kept): going back from version n to n-1 removes {@link #undoAdded} and restores {@link #undoRemoved}.
     */
    public static Node undo(String cc, int n) {
        return NodeFactory.createURI(CIP.uriSpace(cc) + "graph/version/" + n);
    }

    /** The triples version {@code n} added to version n-1. */
    public static Node undoAdded(String cc, int n) {
        return NodeFactory.createURI(undo(cc, n).getURI() + "/added");
    }

    /** The triples of version n-1 that version {@code n} removed. */
    public static Node undoRemoved(String cc, int n) {
        return NodeFactory.createURI(undo(cc, n).getURI() + "/removed");
    }

    /** The VoID description, recomputed on every publication. */
    public static Node voidGraph(String cc) {
        return NodeFactory.createURI(CIP.uriSpace(cc) + "graph/void");
    }

    public static Node version(String cc, int n) {
        return NodeFactory.createURI(CIP.uriSpace(cc) + "version/" + n);
    }
}
