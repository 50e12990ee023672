package org.cipnet.federation.planner;

import java.util.List;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpGroup;

/**
 * GROUP over one star: the members compute partial aggregates that the federator combines, or
 * answer the DISTINCT rows that aggregates of distinct values need ({@link PartialAggregation}).
 * When the group is over a pattern {@link StarsFromPatterns} planned, the pattern planned again
 * with its code-list lookups folded in is tried too, since a lookup joined at the members keeps
 * the aggregate there.
 */
record PushAggregates(StarsFromPatterns stars) implements Step {
    @Override
    public Op group(OpGroup group, Op sub) {
        Op folded = stars.withLookups(sub);
        for (Op input : folded == null ? List.of(sub) : List.of(sub, folded)) {
            Op partial = PartialAggregation.rewrite(group, input);
            if (partial == null) partial = PartialAggregation.distinctRows(group, input);
            if (partial != null) return partial;
        }
        return null;
    }
}
