package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpMinus;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;

/**
 * Filters over planned stars that ARQ's filter placement left above them (over a MINUS, say, or
 * over stars folded together after placement): each one that mentions only variables one star's
 * own triples bind goes into that star's request. Every row of the star binds them, and a join or
 * left join after it changes none of their values, so the filter keeps the same rows at the
 * member. A filter that every branch of a star's union binds goes into each branch.
 *
 * <p>A filter over a variable that only the star's OPTIONAL binds (catalogue query 05's
 * {@code !BOUND(?begin) || …}), all its other variables the star's own, goes into the request
 * after the star's left joins, when nothing else under the filter mentions that variable: the star
 * then gives every row its final value of it (bound or not), which no join or left join after it
 * changes, so the members send only the rows that pass. Where another part binds it too, a row the
 * star leaves unbound may be bound there, and the filter stays above.
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
            Op into = RequestText.pushable(e) ? withFilter(out, e, Set.of()) : null;
            if (into == null) kept.add(e);
            else out = into;
        }
        if (out == sub) return null;
        return kept.isEmpty() ? out : OpFilter.filterBy(new ExprList(kept), out);
    }

    /**
     * {@code op} with the filter inside the star of it whose triples bind all its variables (or
     * whose OPTIONALs bind the rest, none of them in {@code outside}: the variables of the parts
     * under the filter outside {@code op}), or null.
     */
    private static Op withFilter(Op op, Expr e, Set<Var> outside) {
        if (StarOps.isStar(op)) {
            Star star = StarOps.starOf(op);
            if (star == null || !star.plain()) return null;
            if (star.owns(e)) return new OpService(Markers.STAR, star.withFilters(List.of(e)).op(), false);
            Star branched = star.withBranchFilter(e);
            if (branched != null) return new OpService(Markers.STAR, branched.op(), false);
            return afterOptionals(star, e, outside) ? new OpService(Markers.STAR, star.withAfter(List.of(e)).op(), false) : null;
        }
        if (op instanceof OpFilter f) {
            Op inner = withFilter(f.getSubOp(), e, outside);
            return inner == null ? null : OpFilter.filterBy(f.getExprs(), inner);
        }
        if (op instanceof OpLeftJoin lj) {
            Op inner = withFilter(lj.getLeft(), e, with(outside, lj.getRight(), lj.getExprs()));
            return inner == null ? null : OpLeftJoin.create(inner, lj.getRight(), lj.getExprs());
        }
        if (op instanceof OpMinus m) { // MINUS only drops rows of its left side
            Op inner = withFilter(m.getLeft(), e, outside);
            return inner == null ? null : OpMinus.create(inner, m.getRight());
        }
        if (op instanceof OpJoin j) {
            Op inner = withFilter(j.getLeft(), e, with(outside, j.getRight(), null));
            if (inner != null) return OpJoin.create(inner, j.getRight());
            inner = withFilter(j.getRight(), e, with(outside, j.getLeft(), null));
            return inner == null ? null : OpJoin.create(j.getLeft(), inner);
        }
        if (op instanceof OpSequence seq) return StarOps.foldOneElement(seq, outside, (element, others) -> withFilter(element, e, others));
        return null;
    }

    /**
     * Whether the filter may run over the star's rows after its OPTIONALs: every variable it
     * mentions is the star's, and those the star may leave unbound nothing outside it mentions.
     */
    private static boolean afterOptionals(Star star, Expr e, Set<Var> outside) {
        if (star.optionals().isEmpty()) return false;
        Set<Var> certain = star.requiredVars();
        for (Var v : e.getVarsMentioned())
            if (!star.vars().contains(v) || !certain.contains(v) && outside.contains(v)) return false;
        return true;
    }

    private static Set<Var> with(Set<Var> outside, Op other, ExprList exprs) {
        Set<Var> out = new LinkedHashSet<>(outside);
        out.addAll(StarOps.vars(other));
        if (exprs != null) out.addAll(exprs.getVarsMentioned());
        return out;
    }
}
