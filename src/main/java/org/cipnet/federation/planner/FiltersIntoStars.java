package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpMinus;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;

/**
 * Filters over planned stars that ARQ's filter placement left above them (over a MINUS, say, or
 * over stars folded together after placement): each one that mentions only variables one star's
 * own triples bind goes into that star's request. Every row of the star binds them, and a join or
 * left join after it changes none of their values, so the filter keeps the same rows at the
 * member. A filter that every branch of a star's union binds goes into each branch.
 */
final class FiltersIntoStars implements Step {
    @Override
    public Op filter(OpFilter filter, Op sub) {
        return pushFilters(filter.getExprs(), sub);
    }

    /** The filter's expressions that some star takes, inside it, the others still above; null when none moves. */
    private static Op pushFilters(ExprList exprs, Op sub) {
        List<Expr> kept = new ArrayList<>();
        Op out = sub;
        for (Expr e : exprs) {
            Op into = RequestText.pushable(e) ? withFilter(out, e) : null;
            if (into == null) kept.add(e);
            else out = into;
        }
        if (out == sub) return null;
        return kept.isEmpty() ? out : OpFilter.filterBy(new ExprList(kept), out);
    }

    /** {@code op} with the filter inside the star of it whose triples bind all its variables, or null. */
    private static Op withFilter(Op op, Expr e) {
        if (StarOps.isStar(op)) {
            Star star = StarOps.starOf(op);
            if (star == null || !star.plain()) return null;
            if (star.owns(e)) return new OpService(Markers.STAR, star.withFilters(List.of(e)).op(), false);
            Star branched = star.withBranchFilter(e);
            return branched == null ? null : new OpService(Markers.STAR, branched.op(), false);
        }
        if (op instanceof OpFilter f) {
            Op inner = withFilter(f.getSubOp(), e);
            return inner == null ? null : OpFilter.filterBy(f.getExprs(), inner);
        }
        if (op instanceof OpLeftJoin lj) {
            Op inner = withFilter(lj.getLeft(), e);
            return inner == null ? null : OpLeftJoin.create(inner, lj.getRight(), lj.getExprs());
        }
        if (op instanceof OpMinus m) { // MINUS only drops rows of its left side
            Op inner = withFilter(m.getLeft(), e);
            return inner == null ? null : OpMinus.create(inner, m.getRight());
        }
        if (op instanceof OpJoin j) {
            Op inner = withFilter(j.getLeft(), e);
            if (inner != null) return OpJoin.create(inner, j.getRight());
            inner = withFilter(j.getRight(), e);
            return inner == null ? null : OpJoin.create(j.getLeft(), inner);
        }
        if (op instanceof OpSequence seq) return StarOps.foldOneElement(seq, Set.of(), (element, outside) -> withFilter(element, e));
        return null;
    }
}
