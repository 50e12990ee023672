package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpDisjunction;
import org.apache.jena.sparql.algebra.op.OpExtendAssign;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.algebra.op.OpUnion;
import org.apache.jena.sparql.engine.main.JoinClassifier;
import org.apache.jena.sparql.engine.main.LeftJoinClassifier;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.Expr;

/**
 * Bind join or hash join. A join whose left side is small next to a right side made of stars
 * ({@link CostModel#bindJoinPays}) becomes a bind join: a sequence, the stars get the left rows in
 * VALUES blocks; otherwise it stays a hash join, each side asked once. An OPTIONAL that is one star
 * (with a filter over its own variables only) after a small left side becomes a bind join that
 * keeps unmatched rows, {@code SERVICE <urn:cipnet:optional-star>}, instead of fetching every
 * member's whole star for a hash left join. Only where ARQ's own classifiers say the two forms give
 * the same rows. A union of stars that no star took in (branches about different subjects) becomes
 * one service first ({@link StarUnion}), in a join, an OPTIONAL or a sequence: as a bind join's
 * right side or asked once, one request per member for all its branches. A VALUES block joined
 * with stars is a bind join whichever side ARQ put it on, into every branch of a union it joins.
 */
record BindJoins(CostModel costs) implements Step {
    @Override
    public Op join(OpJoin join, Op left, Op right) {
        Op l = StarUnion.of(left), r = StarUnion.of(right);
        // A VALUES block: given first or, as ARQ joins a query-level VALUES, after the pattern (a join's
        // rows are the same either way round).
        if (l instanceof OpTable t && !(r instanceof OpTable)) {
            Op bound = bound(t, r);
            if (bound != null) return bound;
        }
        if (r instanceof OpTable t && !(l instanceof OpTable)) {
            Op bound = bound(t, l);
            if (bound != null) return bound;
        }
        if (starsOnly(r) && JoinClassifier.isLinear(join.getLeft(), join.getRight()) && costs.bindJoinPays(l, r))
            return OpSequence.create(l, r);
        return l == left && r == right ? null : OpJoin.create(l, r);
    }

    /**
     * The table's rows sent with the requests of {@code op}: a bind join where {@code op} is stars;
     * into each branch of a union or disjunction (a join distributes over a bag union); under a BIND
     * of variables the table neither binds nor the BIND reads, and so into a bind join that starts
     * with such a BIND. Null where no branch gets the rows.
     */
    private Op bound(OpTable table, Op op) {
        if (op instanceof OpUnion u) {
            List<Op> b = boundEach(table, List.of(u.getLeft(), u.getRight()));
            return b == null ? null : OpUnion.create(b.get(0), b.get(1));
        }
        if (op instanceof OpDisjunction d) {
            List<Op> b = boundEach(table, d.getElements());
            return b == null ? null : OpDisjunction.create().copy(b);
        }
        if (op instanceof OpExtendAssign e) {
            Set<Var> read = new HashSet<>(e.getVarExprList().getVars());
            e.getVarExprList().getExprs().values().forEach(x -> read.addAll(x.getVarsMentioned()));
            if (table.getTable().getVars().stream().anyMatch(read::contains)) return null;
            Op inner = bound(table, e.getSubOp());
            return inner == null ? null : e.copy(inner);
        }
        if (op instanceof OpSequence seq && !starsOnly(op)) { // a bind join after a BIND: the rows go to its first element
            List<Op> rest = seq.getElements().subList(1, seq.size());
            Op first = rest.stream().allMatch(BindJoins::starsOnly) ? bound(table, seq.get(0)) : null;
            return first == null ? null : chain(first, rest);
        }
        if (starsOnly(op) && JoinClassifier.isLinear(table, op) && costs.bindJoinPays(table, op))
            return chain(table, op instanceof OpSequence seq ? seq.getElements() : List.of(op));
        return null;
    }

    /** Each op with the table's rows {@link #bound} into it, or joined with the table where they cannot go; null when none takes them. */
    private List<Op> boundEach(OpTable table, List<Op> ops) {
        List<Op> out = new ArrayList<>();
        boolean any = false;
        for (Op e : ops) {
            Op b = bound(table, e);
            any |= b != null;
            out.add(b != null ? b : OpJoin.create(table, e));
        }
        return any ? out : null;
    }

    /** One sequence: {@code first} (its elements, if it is a sequence itself), then {@code rest}. */
    private static Op chain(Op first, List<Op> rest) {
        List<Op> all = new ArrayList<>(first instanceof OpSequence f ? f.getElements() : List.of(first));
        all.addAll(rest);
        return OpSequence.create().copy(all);
    }

    @Override
    public Op leftJoin(OpLeftJoin lj, Op left, Op right) {
        Op optional = optionalStar(lj, right);
        if (optional != null && LeftJoinClassifier.isLinear(lj.getLeft(), lj.getRight()) && costs.bindJoinPays(left, right))
            return OpSequence.create(left, new OpService(Markers.OPTIONAL_STAR, optional, false));
        Op l = StarUnion.of(left), r = StarUnion.of(right);
        return l == left && r == right ? null : OpLeftJoin.createLeftJoin(l, r, lj.getExprs());
    }

    /** The unions of stars that no star of the sequence took, each as one service ({@link StarUnion}). */
    @Override
    public List<Op> sequence(List<Op> elements) {
        List<Op> out = elements.stream().map(StarUnion::of).toList();
        return out.equals(elements) ? null : out;
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
        if (op instanceof OpService s) return Markers.STAR.equals(s.getService()) || Markers.STARS.equals(s.getService());
        if (op instanceof OpFilter f) return starsOnly(f.getSubOp());
        if (op instanceof OpSequence seq) return seq.getElements().stream().allMatch(BindJoins::starsOnly);
        return false;
    }
}
