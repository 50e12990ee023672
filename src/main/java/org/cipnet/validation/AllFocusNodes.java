package org.cipnet.validation;

import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.engine.constraint.SparqlConstraint;
import org.apache.jena.shacl.lib.ShLib;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVars;
import org.apache.jena.sparql.algebra.op.*;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprVars;
import org.apache.jena.sparql.path.*;

/**
 * A SPARQL constraint of a node shape ({@code sh:sparql} with {@code sh:select}) evaluated once
 * for all the shape's focus nodes: one query with {@code $this} free, its rows sorted to the focus
 * nodes they bind {@code $this} to. SHACL evaluates the query once per focus node, with
 * {@code $this} replaced by that node; that was most of a publication's SHACL time, the query
 * costs about as much for one focus node as for all of them.
 *
 * <p>The two give the same rows only when the query never uses {@code $this} where the free
 * query would see it unbound but the per-node query would see the node: so {@link #of} takes a
 * query only when {@code $this} is certainly bound by the query's own patterns wherever an
 * expression or an OPTIONAL's pattern reads it ({@link ThisBound}), the query neither aggregates,
 * slices nor thins out duplicates as it likes ({@code REDUCED}) (which would
 * count or cut across focus nodes) and, where it removes duplicates, keeps {@code $this} in its
 * answer. Every other constraint stays with Jena's evaluation per focus node.
 */
final class AllFocusNodes {
    private static final Var THIS = Var.alloc("this");
    private static final Var VALUE = Var.alloc("value");
    private static final Var PATH = Var.alloc("path");
    /** Variables SHACL binds besides {@code $this} for a node shape's query; a query reading one is not taken. */
    private static final Set<Var> PRE_BOUND = Set.of(Var.alloc("currentShape"), Var.alloc("shapesGraph"));

    private final SparqlConstraint constraint;

    private AllFocusNodes(SparqlConstraint constraint) {
        this.constraint = constraint;
    }

    /** The constraint evaluated at once, when that gives exactly the rows of its evaluation per focus node. */
    static Optional<AllFocusNodes> of(SparqlConstraint c) {
        Query q = c.getQuery();
        if (!q.isSelectType() || q.isQueryResultStar() || q.hasGroupBy() || q.hasAggregators() || q.hasHaving()
                || q.hasLimit() || q.hasOffset() || q.isReduced() || !q.getProjectVars().contains(THIS)) return Optional.empty();
        Op op = Algebra.compile(q);
        while (op instanceof OpDistinct || op instanceof OpProject || op instanceof OpOrder)
            op = ((Op1) op).getSubOp();
        if (OpVars.mentionedVars(op).stream().anyMatch(PRE_BOUND::contains)) return Optional.empty();
        return ThisBound.bound(op).filter(vars -> vars.contains(THIS)).map(v -> new AllFocusNodes(c));
    }

    /**
     * Reports what the constraint finds on {@code focus}, the focus nodes of {@code shape}, as SHACL
     * reports it for each of them: one entry per row, the value {@code ?value} or else the focus
     * node, the path {@code ?path} if bound, the message with the row's values put in.
     */
    void validate(ValidationContext cxt, Graph data, Shape shape, Collection<Node> focus) {
        if (focus.isEmpty() || shape.deactivated()) return;
        Set<Node> targets = focus instanceof Set<Node> s ? s : new HashSet<>(focus);
        RowSet rows = QueryExec.graph(data).query(constraint.getQuery()).build().select();
        try {
            while (rows.hasNext()) {
                Binding row = rows.next();
                Node node = row.get(THIS);
                if (node == null || !targets.contains(node)) continue;
                Node value = row.contains(VALUE) ? row.get(VALUE) : node;
                Node path = row.get(PATH);
                cxt.reportEntry(message(row, node, value), shape, node, path == null ? null : PathFactory.pathLink(path), value,
                        constraint, shape.getShapeNode());
            }
        } finally {
            rows.close();
        }
    }

    /** The constraint's message with each {@code {?var}} / {@code {$var}} of the row replaced, one variable after the other, as SHACL does. */
    private String message(Binding row, Node focus, Node value) {
        String template = constraint.getMessage();
        if (template == null) return "SPARQL SELECT constraint for " + ShLib.displayStr(focus) + " returns " + ShLib.displayStr(value);
        String out = template;
        for (Iterator<Var> it = row.vars(); it.hasNext(); ) {
            Var v = it.next();
            Node n = row.get(v);
            String shown = n.isLiteral() ? n.getLiteralLexicalForm() : ShLib.displayStr(n);
            out = Pattern.compile("\\{[?$]" + Pattern.quote(v.getVarName()) + "\\}").matcher(out).replaceAll(Matcher.quoteReplacement(shown));
        }
        return out;
    }

    /**
     * The variables an operator certainly binds in each of its rows, or empty when, somewhere in
     * it, an expression reads {@code $this} where its input may leave it unbound (or the operator
     * is one this analysis does not cover). Within {@code EXISTS}, the row's values are put into
     * the pattern before it runs, so an {@code EXISTS} reads {@code $this} safely where its filter
     * does.
     */
    private static final class ThisBound {
        private ThisBound() {}

        static Optional<Set<Var>> bound(Op op) {
            if (op instanceof OpBGP bgp) return Optional.of(vars(bgp.getPattern().getList()));
            if (op instanceof OpTriple t) return Optional.of(vars(java.util.List.of(t.getTriple())));
            if (op instanceof OpPath p) return Optional.of(path(p));
            if (op instanceof OpTable t) return t.isJoinIdentity() ? Optional.of(Set.of()) : Optional.empty();
            if (op instanceof OpJoin j) return union(bound(j.getLeft()), bound(j.getRight()));
            if (op instanceof OpSequence s) {
                Optional<Set<Var>> acc = Optional.of(Set.of());
                for (Op e : s.getElements()) acc = union(acc, bound(e));
                return acc;
            }
            if (op instanceof OpUnion u) {
                var l = bound(u.getLeft());
                var r = bound(u.getRight());
                if (l.isEmpty() || r.isEmpty()) return Optional.empty();
                Set<Var> both = new HashSet<>(l.get());
                both.retainAll(r.get());
                return Optional.of(both);
            }
            if (op instanceof OpLeftJoin lj) {
                var l = bound(lj.getLeft());
                var r = bound(lj.getRight());
                if (l.isEmpty() || r.isEmpty()) return Optional.empty();
                // Run once, an optional part that matches $this keeps a left row without $this only where
                // no node matches; given the node, only where that node does not: not the same rows.
                if (OpVars.mentionedVars(lj.getRight()).contains(THIS) && !l.get().contains(THIS)) return Optional.empty();
                // The join condition is evaluated on a left row merged with a right one.
                if (!readsThisSafely(lj.getExprs(), union(l, r).get())) return Optional.empty();
                return l;
            }
            if (op instanceof OpFilter f) {
                var in = bound(f.getSubOp());
                return in.isPresent() && readsThisSafely(f.getExprs(), in.get()) ? in : Optional.empty();
            }
            if (op instanceof OpExtend e) {
                var in = bound(e.getSubOp());
                if (in.isEmpty() || e.getVarExprList().getVars().contains(THIS)) return Optional.empty();
                for (Var v : e.getVarExprList().getVars())
                    if (!readsThisSafely(new ExprList(e.getVarExprList().getExpr(v)), in.get())) return Optional.empty();
                // BIND may leave its variable unbound (an error), so only the input's are certain.
                return in;
            }
            return Optional.empty();
        }

        private static boolean readsThisSafely(ExprList exprs, Set<Var> bound) {
            if (exprs == null) return true;
            for (Expr e : exprs) if (ExprVars.getVarsMentioned(e).contains(THIS) && !bound.contains(THIS)) return false;
            return true;
        }

        private static Optional<Set<Var>> union(Optional<Set<Var>> a, Optional<Set<Var>> b) {
            if (a.isEmpty() || b.isEmpty()) return Optional.empty();
            Set<Var> all = new HashSet<>(a.get());
            all.addAll(b.get());
            return Optional.of(all);
        }

        private static Set<Var> vars(java.util.List<Triple> triples) {
            Set<Var> out = new HashSet<>();
            for (Triple t : triples)
                for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) if (n instanceof Var v) out.add(v);
            return out;
        }

        /**
         * A path binds its ends in every row unless it can be of length zero: {@code ?x :p* ?y}
         * free pairs every node of the graph with itself, but with {@code ?x} given it also gives
         * a node that is not in the graph, so such ends are left out.
         */
        private static Set<Var> path(OpPath p) {
            Set<Var> out = new HashSet<>();
            if (!mayBeEmpty(p.getTriplePath().getPath())) {
                if (p.getTriplePath().getSubject() instanceof Var v) out.add(v);
                if (p.getTriplePath().getObject() instanceof Var v) out.add(v);
            }
            return out;
        }

        private static boolean mayBeEmpty(Path path) {
            if (path instanceof P_Link || path instanceof P_ReverseLink || path instanceof P_NegPropSet) return false;
            if (path instanceof P_Inverse i) return mayBeEmpty(i.getSubPath());
            if (path instanceof P_OneOrMore1 o) return mayBeEmpty(o.getSubPath());
            if (path instanceof P_OneOrMoreN o) return mayBeEmpty(o.getSubPath());
            if (path instanceof P_Seq s) return mayBeEmpty(s.getLeft()) && mayBeEmpty(s.getRight());
            if (path instanceof P_Alt a) return mayBeEmpty(a.getLeft()) || mayBeEmpty(a.getRight());
            return true;
        }
    }
}
