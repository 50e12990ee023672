package org.cipnet.federation.planner;

import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.algebra.op.OpUnion;
import org.apache.jena.vocabulary.RDF;
import org.cipnet.federation.members.MemberCatalog;

/**
 * Rough sizes from the members' VoID statistics: the order of the stars in a chain and the choice
 * between a bind join and a hash join. The only part of the planner that reads the catalogue's
 * counts (the rewrites read its link sets, which say what is exact, not what is cheap).
 */
final class CostModel {
    /** Above this many estimated left rows a bind join costs more requests than fetching the right side whole. */
    static final long BIND_JOIN_MAX_ROWS = 20_000;

    /** The estimate of what the statistics say nothing about: large, with room to add without overflow. */
    static final long UNKNOWN = Long.MAX_VALUE / 4;

    private final MemberCatalog catalog;

    CostModel(MemberCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Whether a bind join pays: the left side is estimated small in itself and next to the right
     * side (a quarter of it at most), so sending its rows in VALUES blocks asks less than fetching
     * the right side whole.
     */
    boolean bindJoinPays(Op left, Op right) {
        long l = estimate(left), r = estimate(right);
        return l <= BIND_JOIN_MAX_ROWS && l * 4 <= r;
    }

    /** Rough rows of a planned op, from the members' VoID statistics; unknown is large. */
    long estimate(Op op) {
        Star star = StarOps.starOf(op);
        if (star != null) return cost(star);
        if (op instanceof OpUnion u) return saturatedAdd(estimate(u.getLeft()), estimate(u.getRight()));
        if (op instanceof org.apache.jena.sparql.algebra.op.OpService s && Markers.STARS.equals(s.getService()))
            return StarUnion.branches(s).stream().mapToLong(this::cost).reduce(0, CostModel::saturatedAdd);
        if (op instanceof OpSequence seq && seq.size() > 0) return estimate(seq.get(0));
        if (op instanceof OpTable t) return t.getTable().size();
        if (op instanceof Op1 o) return estimate(o.getSubOp());
        return UNKNOWN;
    }

    private static long saturatedAdd(long a, long b) {
        return Math.min(UNKNOWN, a + b);
    }

    /** Rough cost: constant subjects first (one member, one subject), then the smallest predicate. */
    long cost(Star s) {
        if (!s.subject().isVariable()) return 0;
        long best = Long.MAX_VALUE;
        for (Triple t : s.triples()) {
            boolean typed = t.getPredicate().isURI() && t.getPredicate().getURI().equals(RDF.type.getURI()) && t.getObject().isURI();
            long sum = catalog.total(m -> typed ? catalog.instances(m, t.getObject())
                    : catalog.estimate(m, t.getPredicate().isVariable() ? null : t.getPredicate()));
            if (sum < 0) continue;
            if (!typed && !t.getObject().isVariable()) sum = sum / 10 + 1; // a bound object narrows it
            best = Math.min(best, sum);
        }
        return best == Long.MAX_VALUE ? UNKNOWN : best + 1;
    }
}
