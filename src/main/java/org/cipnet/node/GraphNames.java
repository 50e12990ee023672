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

    /** The snapshot of version {@code n}, kept for rollback. */
    public static Node snapshot(String cc, int n) {
        return NodeFactory.createURI(CIP.uriSpace(cc) + "graph/version/" + n);
    }

    /** The VoID description, recomputed on every publication. */
    public static Node voidGraph(String cc) {
        return NodeFactory.createURI(CIP.uriSpace(cc) + "graph/void");
    }

    public static Node version(String cc, int n) {
        return NodeFactory.createURI(CIP.uriSpace(cc) + "version/" + n);
    }
}
