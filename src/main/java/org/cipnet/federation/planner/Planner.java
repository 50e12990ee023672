package org.cipnet.federation.planner;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Transformer;
import org.cipnet.federation.members.MemberCatalog;

/**
 * The federation planner: ARQ's optimised algebra in, the algebra the federator runs out, in which
 * each {@code SERVICE <urn:cipnet:…>} is work sent to the members. The one entry point, for the
 * engine and the tests alike.
 */
public final class Planner {
    private Planner() {}

    /** The plan of ARQ's optimised algebra of a query over the catalogue's members. */
    public static Op plan(Op optimized, MemberCatalog catalog) {
        return Transformer.transform(new FederationTransform(catalog), optimized);
    }
}
