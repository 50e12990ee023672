package org.cipnet.federation.planner;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVars;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.cipnet.federation.members.MemberCatalog;

/**
 * OPTIONAL about the subject of a star on its left, or about an object that star reaches along a
 * member-local predicate: every triple the OPTIONAL can match lies with the member that answers
 * that star, so the left join runs there, inside the star's one request. The left side may be that
 * star, a sequence of stars holding it, or either under filters; the OPTIONAL and its filter may
 * share with the rest of the left side only variables that star always binds, so that the left join
 * sees the same values at the member as at the federator. (An OPTIONAL that cannot join its star
 * may still run as a bound left join: {@link BindJoins}.)
 */
record OptionalsIntoStars(MemberCatalog catalog) implements Step {
    @Override
    public Op leftJoin(OpLeftJoin lj, Op left, Op right) {
        if (!StarOps.isStar(right)) return null;
        Star r = StarOps.starOf(right);
        if (r == null || !r.plain() || !r.optionals().isEmpty() || !r.lookups().isEmpty() || r.vars().stream().anyMatch(v -> !RequestText.plain(v.getVarName()))) return null;
        List<Expr> exprs = lj.getExprs() == null ? List.of() : lj.getExprs().getList();
        if (!exprs.stream().allMatch(RequestText::pushable)) return null;
        Set<Var> mentioned = new LinkedHashSet<>(r.vars());
        exprs.forEach(e -> mentioned.addAll(e.getVarsMentioned()));
        return foldInto(left, ((OpService) right).getSubOp(), r, lj.getExprs(), mentioned, Set.of());
    }

    /**
     * {@code left} with the optional folded into the star of it that it is about; {@code others}
     * are the variables of the parts of the left side outside {@code left}. Null if no star qualifies.
     */
    private Op foldInto(Op left, Op rightOp, Star r, ExprList exprs, Set<Var> mentioned, Set<Var> others) {
        if (StarOps.isStar(left)) {
            Star l = StarOps.starOf(left);
            if (l == null || !l.plain() || !StarOps.about(l, r.subject(), catalog)) return null;
            for (Var v : mentioned) if (others.contains(v) && !l.requiredVars().contains(v)) return null;
            Op sub = OpLeftJoin.create(((OpService) left).getSubOp(), rightOp, exprs);
            Star star = Star.of(sub);
            if (star == null || star.vars().stream().anyMatch(v -> !RequestText.plain(v.getVarName()))) return null;
            return new OpService(Markers.STAR, sub, false);
        }
        if (left instanceof OpFilter f) {
            // The filter then runs after the left join: the same rows if it mentions no variable the OPTIONAL may add.
            Set<Var> below = StarOps.requiredVars(f.getSubOp());
            for (Var v : OpVars.visibleVars(rightOp))
                if (f.getExprs().getVarsMentioned().contains(v) && !below.contains(v)) return null;
            Set<Var> outside = new LinkedHashSet<>(others);
            outside.addAll(f.getExprs().getVarsMentioned());
            Op folded = foldInto(f.getSubOp(), rightOp, r, exprs, mentioned, outside);
            return folded == null ? null : OpFilter.filterBy(f.getExprs(), folded);
        }
        if (left instanceof OpSequence seq) return StarOps.foldOneElement(seq, others, (e, outside) -> foldInto(e, rightOp, r, exprs, mentioned, outside));
        return null;
    }
}
