package org.cipnet.federation.planner;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.core.Var;
import org.cipnet.federation.members.MemberCatalog;

/**
 * A star joined after a star that holds an OPTIONAL (a pattern written after the OPTIONAL, as in
 * catalogue query 05: the period's end after the OPTIONAL of its beginning) joins that star before
 * the OPTIONAL, inside its one request, when the star reaches the later star's subject along a
 * member-local predicate (or is about the same subject). {@code (A OPT B) ⋈ C} and
 * {@code (A ⋈ C) OPT B} have the same rows when every variable {@code B} shares with {@code C} is
 * bound in every row of {@code A}: a row of {@code C} then agrees with a row of {@code B} exactly
 * when both agree with the row of {@code A}, and the OPTIONAL's filter sees the same values. A
 * variable that {@code A} binds only in some rows (by an earlier OPTIONAL) does not do: joined
 * first, {@code C} would bind it for the later OPTIONAL. The star may be one element of a sequence,
 * or under filters, on the left of the join; then the variables {@code C} shares with the rest of
 * the left side must be the star's certain ones too, for the same reason.
 */
record JoinsBeforeOptionals(MemberCatalog catalog) implements Step {
    @Override
    public Op join(OpJoin join, Op left, Op right) {
        Star c = StarOps.starOf(right);
        if (c == null || !c.plain() || !c.optionals().isEmpty() || !c.lookups().isEmpty() || !c.unions().isEmpty() || !c.subject().isVariable()) return null;
        return joinInto(left, c, Set.of());
    }

    /** {@code left} with {@code c} joined into the star of it that holds an OPTIONAL and reaches {@code c}; {@code others} are the variables outside {@code left}. */
    private Op joinInto(Op left, Star c, Set<Var> others) {
        if (StarOps.isStar(left)) {
            Star a = StarOps.starOf(left);
            if (a == null || !a.plain() || a.optionals().isEmpty() || !StarOps.about(a, c.subject(), catalog)) return null;
            Set<Var> certain = a.requiredVars();
            for (Var v : c.vars())
                if ((others.contains(v) || a.optionalVars().contains(v)) && !certain.contains(v)) return null;
            Star joined = a.joinedBeforeOptionals(c);
            if (joined.vars().stream().anyMatch(v -> !RequestText.plain(v.getVarName()))) return null;
            return StarOps.serviceOf(joined);
        }
        if (left instanceof OpFilter f) {
            Set<Var> outside = new LinkedHashSet<>(others);
            outside.addAll(f.getExprs().getVarsMentioned());
            Op joined = joinInto(f.getSubOp(), c, outside);
            return joined == null ? null : OpFilter.filterBy(f.getExprs(), joined);
        }
        if (left instanceof OpSequence seq) return StarOps.foldOneElement(seq, others, (e, outside) -> joinInto(e, c, outside));
        return null;
    }
}
