package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.Expr;

/**
 * Triple patterns sharing one subject (and those of stars folded in along member-local links), plus the filters that only mention their variables, plus
 * OPTIONAL groups about the same subject. All triples about one subject lie with one member, so a
 * star's answer over the federation is the bag union of its answers at each member and the
 * reference graph.
 */
public record Star(Node subject, List<Triple> triples, List<Expr> filters, List<org.apache.jena.query.SortCondition> order, long limit,
                   List<Var> distinct, List<Optional> optionals) {

    /** {@code OPTIONAL { triples FILTER … }} about the star's subject; the filters may mention the star's variables. */
    public record Optional(List<Triple> triples, List<Expr> filters) {}

    public Star(Node subject, List<Triple> triples, List<Expr> filters) {
        this(subject, triples, filters, List.of(), -1, null, List.of());
    }

    /** The same star without top-k or DISTINCT projection: for bind joins, where a per-member limit would be wrong. */
    public Star unlimited() {
        return new Star(subject, triples, filters, List.of(), -1, null, optionals);
    }

    /** True for triples, filters and optionals alone: no top-k, no DISTINCT projection. */
    public boolean plain() {
        return limit < 0 && distinct == null;
    }

    /** Every variable the star may bind, the optional ones included. */
    public Set<Var> vars() {
        Set<Var> out = requiredVars();
        for (Optional o : optionals) addVars(o.triples(), out);
        return out;
    }

    /** The variables every answer row binds. */
    public Set<Var> requiredVars() {
        Set<Var> out = new LinkedHashSet<>();
        addVars(triples, out);
        return out;
    }

    private static void addVars(List<Triple> triples, Set<Var> out) {
        for (Triple t : triples)
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()})
                if (n.isVariable()) out.add(Var.alloc(n));
    }

    /**
     * Reads the star back from the op inside a pushed-down service: a BGP of one subject, under
     * filters, left joins with same-subject BGPs, a top-k or a DISTINCT projection; null for
     * anything else.
     */
    public static Star of(Op op) {
        if (op instanceof OpTopN top) {
            Star s = of(top.getSubOp());
            return s == null || !s.plain() ? null : new Star(s.subject, s.triples, s.filters, top.getConditions(), top.getLimit(), null, s.optionals);
        }
        if (op instanceof OpDistinct d && d.getSubOp() instanceof OpProject p) {
            Star s = of(p.getSubOp());
            return s == null || !s.plain() ? null : new Star(s.subject, s.triples, s.filters, List.of(), -1, p.getVars(), s.optionals);
        }
        if (op instanceof OpLeftJoin lj) {
            Star left = of(lj.getLeft()), right = of(lj.getRight());
            if (left == null || right == null || !left.plain() || !right.plain() || !right.optionals.isEmpty()
                    || !right.subject.equals(left.subject)) return null;
            List<Expr> filters = new ArrayList<>(right.filters);
            if (lj.getExprs() != null) filters.addAll(lj.getExprs().getList());
            List<Optional> optionals = new ArrayList<>(left.optionals);
            optionals.add(new Optional(right.triples, filters));
            return new Star(left.subject, left.triples, left.filters, List.of(), -1, null, optionals);
        }
        List<Expr> filters = new ArrayList<>();
        if (op instanceof OpFilter f) {
            filters.addAll(f.getExprs().getList());
            op = f.getSubOp();
        }
        if (!(op instanceof OpBGP bgp) || bgp.getPattern().isEmpty()) return null;
        List<Triple> triples = bgp.getPattern().getList();
        return new Star(triples.get(0).getSubject(), triples, filters);
    }
}
