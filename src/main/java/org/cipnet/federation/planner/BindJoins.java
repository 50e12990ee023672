package org.cipnet.federation.planner;

import java.util.List;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.engine.main.JoinClassifier;
import org.apache.jena.sparql.engine.main.LeftJoinClassifier;
import org.apache.jena.sparql.expr.Expr;

/**
 * Bind join or hash join. A join whose left side is small next to a right side made of stars
 * ({@link CostModel#bindJoinPays}) becomes a bind join: a sequence, the stars get the left rows in
 * VALUES blocks; otherwise it stays a hash join, each side asked once. An OPTIONAL that is one star
 * (with a filter over its own variables only) after a small left side becomes a bind join that
 * keeps unmatched rows, {@code SERVICE <urn:cipnet:optional-star>}, instead of fetching every
 * member's whole star for a hash left join. Only where ARQ's own classifiers say the two forms give
 * the same rows.
 */
record BindJoins(CostModel costs) implements Step {
    @Override
    public Op join(OpJoin join, Op left, Op right) {
        if (starsOnly(right) && JoinClassifier.isLinear(join.getLeft(), join.getRight()) && costs.bindJoinPays(left, right))
            return OpSequence.create(left, right);
        return null;
    }

    @Override
    public Op leftJoin(OpLeftJoin lj, Op left, Op right) {
        Op optional = optionalStar(lj, right);
        if (optional != null && LeftJoinClassifier.isLinear(lj.getLeft(), lj.getRight()) && costs.bindJoinPays(left, right))
            return OpSequence.create(left, new OpService(Markers.OPTIONAL_STAR, optional, false));
        return null;
    }

    /**
     * The right side of a left join as one star that carries the left join's filter: a filter that
     * mentions only the star's own triple variables (every answer row binds them) gives the same
     * rows evaluated over the star as over the joined row. Null when the right side is no plain
     * star or the filter mentions anything else (a left-side variable, say).
     */
    private static Op optionalStar(OpLeftJoin lj, Op right) {
        if (!StarOps.isStar(right)) return null;
        Op sub = ((OpService) right).getSubOp();
        List<Expr> exprs = lj.getExprs() == null ? List.of() : lj.getExprs().getList();
        if (exprs.isEmpty()) return sub;
        Star star = Star.of(sub);
        if (star == null || !star.plain()) return null;
        for (Expr e : exprs)
            if (!star.owns(e)) return null;
        return star.withFilters(exprs).op();
    }

    private static boolean starsOnly(Op op) {
        if (op instanceof OpService s) return Markers.STAR.equals(s.getService());
        if (op instanceof OpFilter f) return starsOnly(f.getSubOp());
        if (op instanceof OpSequence seq) return seq.getElements().stream().allMatch(BindJoins::starsOnly);
        return false;
    }
}
