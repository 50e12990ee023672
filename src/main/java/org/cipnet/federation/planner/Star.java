package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpUnion;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.cipnet.federation.members.MemberCatalog;

/**
 * Triple patterns sharing one subject (and those of stars folded in along member-local links), plus
 * the filters that only mention their variables, plus OPTIONAL groups and UNIONs about the subject or
 * an object the star reaches, plus the filters over its rows once those OPTIONALs have run
 * ({@code after}: a filter over a variable only an OPTIONAL binds). All triples about one subject
 * lie with one member, so a star's answer over the federation is the bag union of its answers at
 * each member and the reference graph.
 */
public record Star(Node subject, List<Triple> triples, List<Expr> filters, List<org.apache.jena.query.SortCondition> order, long limit,
                   List<Var> distinct, List<Optional> optionals, List<Lookup> lookups, List<Union> unions, List<Expr> after) {

    /** {@code OPTIONAL { triples FILTER … }} about the star's subject; the filters may mention the star's variables. */
    public record Optional(List<Triple> triples, List<Expr> filters) {}

    /**
     * A star about an object this star reaches along a predicate whose objects are the member's own
     * subjects or the reference graph's: joined at the member, from its own graph or its copy of
     * the reference graph ({@code { triples } UNION { GRAPH <reference> { triples } }}).
     */
    public record Lookup(List<Triple> triples, List<Expr> filters) {}

    /**
     * {@code { branch } UNION { branch } …} joined with the star, each branch triples about the
     * star's subject or about an object it reaches (the planner folds such a union in only along a
     * member-local predicate), with their filters: every branch's match lies with the member that owns it.
     */
    public record Union(List<Branch> branches) {
        /**
         * Whether the union comes first in the request: when its branches join a star they reach
         * (catalogue query 13: each programme link with the agency's labels), their rows are few
         * next to the subject star's (every labelled subject's label), and a member that joins in
         * the order written then looks the subject star up by the branches' subjects instead of
         * scanning it and probing each branch per row.
         */
        boolean drives() {
            return branches.stream().anyMatch(b -> b.triples().stream().anyMatch(t -> !t.getSubject().equals(b.subject())));
        }
    }

    /**
     * One branch of a {@link Union}: triples (about the branch's subject, and about objects they
     * reach along member-local links once such stars are folded in), their filters, and constants
     * the branch binds ({@code BIND("operates" AS ?role)}, which marks which branch a row came
     * from): a constant is the same at a member as at the federator, so the branch may run there.
     */
    public record Branch(List<Triple> triples, List<Expr> filters, Map<Var, Node> binds) {
        /** The subject of the branch's first triple: the one the branch is about. */
        public Node subject() {
            return triples.get(0).getSubject();
        }

        /** The branch's triple variables and the variables it binds. */
        Set<Var> vars() {
            Set<Var> out = new LinkedHashSet<>();
            addVars(triples, out);
            out.addAll(binds.keySet());
            return out;
        }

        Op op() {
            Op op = bgp(triples, filters);
            if (binds.isEmpty()) return op;
            VarExprList extend = new VarExprList();
            binds.forEach((v, n) -> extend.add(v, NodeValue.makeNode(n)));
            return OpExtend.create(op, extend);
        }

        /** This branch joined with a star about an object it reaches: the star's triples and filters added. */
        Branch joined(Star b) {
            List<Triple> t = new ArrayList<>(triples);
            t.addAll(b.triples);
            List<Expr> f = new ArrayList<>(filters);
            f.addAll(b.filters);
            return new Branch(t, f, binds);
        }

        /**
         * A branch as an op holds it: what {@code inner} reads as a star of triples and filters alone,
         * under extends that bind constants to variables its triples do not use; null for anything else.
         */
        static Branch read(Op op, java.util.function.Function<Op, Star> inner) {
            if (op instanceof OpExtend e) {
                Branch b = read(e.getSubOp(), inner);
                if (b == null) return null;
                Set<Var> used = b.vars();
                Map<Var, Node> binds = new LinkedHashMap<>(b.binds);
                for (Var v : e.getVarExprList().getVars()) {
                    Expr x = e.getVarExprList().getExpr(v);
                    if (x == null || !x.isConstant() || used.contains(v) || !RequestText.plain(v.getVarName())) return null;
                    binds.put(v, x.getConstant().asNode());
                    used.add(v);
                }
                return new Branch(b.triples, b.filters, binds);
            }
            Star s = inner.apply(op);
            if (s == null || !s.plain() || !s.optionals.isEmpty() || !s.lookups.isEmpty() || !s.unions.isEmpty()) return null;
            return new Branch(s.triples, s.filters, Map.of());
        }
    }

    public Star(Node subject, List<Triple> triples, List<Expr> filters) {
        this(subject, triples, filters, List.of(), -1, null, List.of(), List.of(), List.of(), List.of());
    }

    /**
     * This star and one about an object it reaches (a member-local link, which keeps both with one
     * member) as one star: both stars' triples, filters and unions, this star's lookups.
     */
    public Star mergedWith(Star b) {
        List<Triple> t = new ArrayList<>(triples);
        t.addAll(b.triples);
        List<Expr> f = new ArrayList<>(filters);
        f.addAll(b.filters);
        List<Union> u = new ArrayList<>(unions);
        u.addAll(b.unions);
        return new Star(subject, t, f, List.of(), -1, null, List.of(), lookups, u, List.of());
    }

    /** This star joined with a union of branches about its subject. */
    public Star withUnion(List<Branch> branches) {
        List<Union> more = new ArrayList<>(unions);
        more.add(new Union(List.copyOf(branches)));
        return new Star(subject, triples, filters, order, limit, distinct, optionals, lookups, more, after);
    }

    /**
     * This star with {@code b} joined into every branch of its union {@code union}: the same rows
     * (a join distributes over a union), and each member joins {@code b} within each branch.
     */
    public Star withBranchesJoined(int union, Star b) {
        List<Union> more = new ArrayList<>(unions);
        more.set(union, new Union(unions.get(union).branches().stream().map(x -> x.joined(b)).toList()));
        return new Star(subject, triples, filters, order, limit, distinct, optionals, lookups, more, after);
    }

    /** The same star without top-k or DISTINCT projection: for bind joins, where a per-member limit would be wrong. */
    public Star unlimited() {
        return new Star(subject, triples, filters, List.of(), -1, null, optionals, lookups, unions, after);
    }

    /** This star joined with a lookup star. */
    public Star withLookup(Star other) {
        List<Lookup> more = new ArrayList<>(lookups);
        more.add(new Lookup(other.triples, other.filters));
        return new Star(subject, triples, filters, order, limit, distinct, optionals, more, unions, after);
    }

    /** True for triples, filters and optionals alone: no top-k, no DISTINCT projection. */
    public boolean plain() {
        return limit < 0 && distinct == null;
    }

    /** Triples about one subject and their filters, nothing folded in. */
    public boolean simple() {
        return plain() && optionals.isEmpty() && lookups.isEmpty() && unions.isEmpty() && triples.stream().allMatch(t -> t.getSubject().equals(subject));
    }

    /**
     * The op a pushed-down service carries for this star (without top-k or DISTINCT), which
     * {@link #of} reads back: filters over the BGP, a join with a union per lookup, a left join per optional.
     */
    public Op op() {
        return op(Set.of());
    }

    /** The op of a request whose VALUES block binds {@code bound}: a union that binds one of them where the triples do not comes first. */
    Op op(Set<Var> bound) {
        Op op = bgp(triples, filters);
        for (Lookup l : lookups) {
            Op looked = bgp(l.triples(), l.filters());
            op = OpJoin.create(op, OpUnion.create(looked, new OpGraph(NodeFactory.createURI(MemberCatalog.REFERENCE_GRAPH), looked)));
        }
        for (Union u : unions) {
            Op union = null;
            for (Branch b : u.branches()) union = union == null ? b.op() : OpUnion.create(union, b.op());
            op = drives(u, bound) ? OpJoin.create(union, op) : OpJoin.create(op, union);
        }
        for (Optional o : optionals)
            op = OpLeftJoin.create(op, bgp(o.triples(), List.of()), o.filters().isEmpty() ? null : new ExprList(o.filters()));
        return after.isEmpty() ? op : OpFilter.filterBy(new ExprList(after), op);
    }

    private static Op bgp(List<Triple> triples, List<Expr> filters) {
        BasicPattern bp = new BasicPattern();
        triples.forEach(bp::add);
        Op op = new OpBGP(bp);
        return filters.isEmpty() ? op : OpFilter.filterBy(new ExprList(filters), op);
    }

    /**
     * Whether the union comes first in this star's request: where it {@link Union#drives drives}, and
     * where a VALUES block binds a variable of the union that no triple of the star has (a profile
     * read ahead: {@code ?x ?p ?o} about what points at each cluster of the block), which a member
     * would otherwise match whole for each row of the block.
     */
    private boolean drives(Union u, Set<Var> bound) {
        if (u.drives()) return true;
        Set<Var> own = tripleVars();
        return u.branches().stream().anyMatch(b -> b.vars().stream().anyMatch(v -> bound.contains(v) && !own.contains(v)));
    }

    /**
     * Whether {@code node} is the star's subject or an object of one of its triples: the shape of a
     * star with an OPTIONAL or UNION about that node, as {@link #of} reads it back. Structural
     * only: whether such a group may join the star at its members (only along a member-local
     * predicate) is the planner's rule, not this one's.
     */
    public boolean reaches(Node node) {
        return subject.equals(node) || node.isVariable() && triples.stream().anyMatch(t -> t.getObject().equals(node));
    }

    /** Whether the filter can go with this star's request: it can be sent, and it mentions only the star's own triple variables. */
    public boolean owns(Expr e) {
        return RequestText.pushable(e) && tripleVars().containsAll(e.getVarsMentioned());
    }

    /** The variables of the star's own triples: a filter over these alone may sit with them. */
    public Set<Var> tripleVars() {
        Set<Var> out = new LinkedHashSet<>();
        addVars(triples, out);
        return out;
    }

    /**
     * This star with a filter inside each branch of the union whose every branch binds all its
     * variables (then the filter keeps the same joined rows); null when no union does.
     */
    public Star withBranchFilter(Expr e) {
        for (int i = 0; i < unions.size(); i++) {
            boolean all = true;
            for (Branch b : unions.get(i).branches()) {
                Set<Var> vars = new LinkedHashSet<>();
                addVars(b.triples(), vars);
                all &= vars.containsAll(e.getVarsMentioned());
            }
            if (!all) continue;
            List<Branch> branches = new ArrayList<>();
            for (Branch b : unions.get(i).branches()) {
                List<Expr> fs = new ArrayList<>(b.filters());
                fs.add(e);
                branches.add(new Branch(b.triples(), fs, b.binds()));
            }
            List<Union> more = new ArrayList<>(unions);
            more.set(i, new Union(branches));
            return new Star(subject, triples, filters, order, limit, distinct, optionals, lookups, more, after);
        }
        return null;
    }

    /** This star with more filters over its own triples (their variables must be {@link #tripleVars}). */
    public Star withFilters(List<Expr> more) {
        List<Expr> all = new ArrayList<>(filters);
        all.addAll(more);
        return new Star(subject, triples, all, order, limit, distinct, optionals, lookups, unions, after);
    }

    /**
     * This star with filters over its rows after its OPTIONALs: filters that mention a variable
     * only an OPTIONAL binds (so they cannot sit with the triples), every other one of the star's.
     */
    public Star withAfter(List<Expr> more) {
        List<Expr> all = new ArrayList<>(after);
        all.addAll(more);
        return new Star(subject, triples, filters, order, limit, distinct, optionals, lookups, unions, all);
    }

    /**
     * This star with {@code c}'s triples and filters joined before its OPTIONALs (and the filters
     * after them): the same rows as joining {@code c} after, when every variable of {@code c} that
     * an OPTIONAL or a filter after them mentions is one of this star's {@link #requiredVars}
     * (the planner's rule, {@link JoinsBeforeOptionals}).
     */
    public Star joinedBeforeOptionals(Star c) {
        List<Triple> t = new ArrayList<>(triples);
        t.addAll(c.triples);
        List<Expr> f = new ArrayList<>(filters);
        f.addAll(c.filters);
        return new Star(subject, t, f, order, limit, distinct, optionals, lookups, unions, after);
    }

    /** The variables the star's OPTIONALs and its filters after them mention. */
    public Set<Var> optionalVars() {
        Set<Var> out = new LinkedHashSet<>();
        for (Optional o : optionals) {
            addVars(o.triples(), out);
            o.filters().forEach(e -> out.addAll(e.getVarsMentioned()));
        }
        after.forEach(e -> out.addAll(e.getVarsMentioned()));
        return out;
    }

    /** Every variable the star may bind, the optional ones included. */
    public Set<Var> vars() {
        Set<Var> out = requiredVars();
        for (Optional o : optionals) addVars(o.triples(), out);
        for (Union u : unions) for (Branch b : u.branches()) out.addAll(b.vars());
        return out;
    }

    /** The variables every answer row binds: a union's too where every branch matches them in a triple. */
    public Set<Var> requiredVars() {
        Set<Var> out = new LinkedHashSet<>();
        addVars(triples, out);
        for (Lookup l : lookups) addVars(l.triples(), out);
        for (Union u : unions) {
            Set<Var> common = null;
            for (Branch b : u.branches()) {
                Set<Var> in = new LinkedHashSet<>();
                addVars(b.triples(), in);
                if (common == null) common = in;
                else common.retainAll(in);
            }
            if (common != null) out.addAll(common);
        }
        return out;
    }

    private static void addVars(List<Triple> triples, Set<Var> out) {
        for (Triple t : triples)
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()})
                if (n.isVariable()) out.add(Var.alloc(n));
    }

    /**
     * The branches of a (nested) union, each as {@code leaf} reads it from a branch; false for
     * anything else.
     */
    static boolean branches(Op op, java.util.function.Function<Op, Branch> leaf, List<Branch> out) {
        if (op instanceof OpUnion u) return branches(u.getLeft(), leaf, out) && branches(u.getRight(), leaf, out);
        Branch b = leaf.apply(op);
        if (b == null) return false;
        out.add(b);
        return true;
    }

    /**
     * Reads the star back from the op inside a pushed-down service: a BGP of one subject (and of
     * stars folded in), under filters, with left joins, lookups and unions about the subject or an
     * object it reaches, a top-k or a DISTINCT projection; null for anything else.
     */
    public static Star of(Op op) {
        if (op instanceof OpTopN top) {
            Star s = of(top.getSubOp());
            return s == null || !s.plain() ? null : new Star(s.subject, s.triples, s.filters, top.getConditions(), top.getLimit(), null, s.optionals, s.lookups, s.unions, s.after);
        }
        if (op instanceof OpDistinct d && d.getSubOp() instanceof OpProject p) {
            Star s = of(p.getSubOp());
            return s == null || !s.plain() ? null : new Star(s.subject, s.triples, s.filters, List.of(), -1, p.getVars(), s.optionals, s.lookups, s.unions, s.after);
        }
        if (op instanceof OpLeftJoin lj) {
            Star left = of(lj.getLeft()), right = of(lj.getRight());
            if (left == null || right == null || !left.plain() || !left.after.isEmpty() || !right.plain() || !right.optionals.isEmpty() || !right.lookups.isEmpty()
                    || !right.unions.isEmpty() || !right.after.isEmpty() || !left.reaches(right.subject)) return null;
            List<Expr> filters = new ArrayList<>(right.filters);
            if (lj.getExprs() != null) filters.addAll(lj.getExprs().getList());
            List<Optional> optionals = new ArrayList<>(left.optionals);
            optionals.add(new Optional(right.triples, filters));
            return new Star(left.subject, left.triples, left.filters, List.of(), -1, null, optionals, left.lookups, left.unions, List.of());
        }
        if (op instanceof OpJoin j && j.getRight() instanceof OpUnion u && u.getRight() instanceof OpGraph g
                && g.getNode().isURI() && g.getNode().getURI().equals(MemberCatalog.REFERENCE_GRAPH) && g.getSubOp().equals(u.getLeft())) {
            Star left = of(j.getLeft()), looked = of(u.getLeft());
            if (left == null || looked == null || !left.plain() || !left.optionals.isEmpty() || !left.unions.isEmpty() || !looked.simple()) return null;
            return left.withLookup(looked);
        }
        if (op instanceof OpJoin j && j.getLeft() instanceof OpUnion && !(j.getRight() instanceof OpUnion)) { // a union that drives (Union.drives)
            Star read = of(OpJoin.create(j.getRight(), j.getLeft()));
            return read == null || read.unions.isEmpty() || !read.unions.get(read.unions.size() - 1).drives() ? null : read;
        }
        if (op instanceof OpJoin j && j.getRight() instanceof OpUnion) {
            Star left = of(j.getLeft());
            if (left == null || !left.plain() || !left.optionals.isEmpty()) return null;
            List<Branch> branches = new ArrayList<>();
            if (!branches(j.getRight(), o -> Branch.read(o, Star::of), branches) || branches.stream().anyMatch(b -> !b.subject().equals(branches.get(0).subject()))
                    || !left.reaches(branches.get(0).subject())) return null;
            return left.withUnion(branches);
        }
        if (op instanceof OpFilter f && f.getSubOp() instanceof OpLeftJoin) {
            Star s = of(f.getSubOp());
            return s == null || !s.plain() || !s.after.isEmpty() ? null : s.withAfter(f.getExprs().getList());
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
