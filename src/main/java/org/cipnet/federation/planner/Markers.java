package org.cipnet.federation.planner;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The service IRIs by which a plan marks what runs at the members: the planner writes them, the
 * star executor and the explain writer read them. They never leave the federator.
 */
public final class Markers {
    private Markers() {}

    /** The service IRI that marks a pushed-down star. */
    public static final Node STAR = NodeFactory.createURI("urn:cipnet:star");

    /**
     * The service IRI that marks an optional star after its left side (a left join run as a bind
     * join): input rows without a match pass through unextended.
     */
    public static final Node OPTIONAL_STAR = NodeFactory.createURI("urn:cipnet:optional-star");

    /** The service IRI that marks a union of stars asked as one request per member ({@link StarUnion}). */
    public static final Node STARS = NodeFactory.createURI("urn:cipnet:stars");

    /** The service IRI that marks a grouped star: members return partial aggregates, the federator combines them. */
    public static final Node AGGREGATE = NodeFactory.createURI("urn:cipnet:aggregate");
}
