package org.cipnet.federation.planner;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpUnion;

/**
 * A union of stars left where no join sees it (under a projection, a filter, a DISTINCT: the whole
 * query a union, as the web front's label read is) as one service, {@link StarUnion}: each member
 * gets one request holding all the branches it may answer, not one request per branch. In a pass
 * of its own after the others, so that a union a star could take in, or a join could make one
 * service, is still a union when they look at it.
 */
record UnionsOfStars() implements Step {
    @Override
    public Op union(OpUnion union, Op left, Op right) {
        Op copy = OpUnion.create(left, right);
        Op out = StarUnion.of(copy);
        return out == copy ? null : out;
    }
}
