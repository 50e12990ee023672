package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.cipnet.federation.members.MemberCatalog;

/**
 * Rewrites every basic graph pattern into subject-stars, each a {@code SERVICE <urn:cipnet:star>}
 * that the star executor sends to the relevant members; connected stars are chained in a sequence
 * so that later ones run as bind joins on the earlier ones' bindings. Filters whose variables one
 * star binds travel with that star.
 */
public final class FederationTransform extends TransformCopy {
    /** The service IRI that marks a pushed-down star. */
    public static final Node STAR = NodeFactory.createURI("urn:cipnet:star");

    /**
     * The service IRI that marks an optional star after its left side (a left join run as a bind
     * join): input rows without a match pass through unextended.
     */
    public static final Node OPTIONAL_STAR = NodeFactory.createURI("urn:cipnet:optional-star");

    /** The service IRI that marks a grouped star: members return partial aggregates, the federator combines them. */
    public static final Node AGGREGATE = NodeFactory.createURI("urn:cipnet:aggregate");

    private final MemberCatalog catalog;

    public FederationTransform(MemberCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * What each planned BGP was: the transform runs bottom-up, so a filter above a BGP sees the
     * planned stars and re-plans the pattern with its expressions.
     */
    private final Map<Op, Planned> plannedBgps = new java.util.IdentityHashMap<>();

    private record Planned(BasicPattern pattern, ExprList filters) {}

    @Override
    public Op transform(OpBGP op) {
        Op planned = plan(op.getPattern(), new ExprList());
        plannedBgps.put(planned, new Planned(op.getPattern(), new ExprList()));
        return planned;
    }

    /**
     * A join whose left side is small next to a right side made of stars becomes a bind join (a
     * sequence: the stars get the left rows in VALUES blocks); otherwise it stays a hash join, each
     * side asked once. Only where ARQ's own classifier says the two forms give the same rows.
     */
    @Override
    public Op transform(org.apache.jena.sparql.algebra.op.OpJoin join, Op left, Op right) {
        Op folded = foldUnion(left, right);
        if (folded == null) folded = foldUnion(right, left);
        if (folded != null) return folded;
        if (starsOnly(right) && org.apache.jena.sparql.engine.main.JoinClassifier.isLinear(join.getLeft(), join.getRight())) {
            long l = estimate(left), r = estimate(right);
            if (l <= BIND_JOIN_MAX_ROWS && l * 4 <= r) return OpSequence.create(left, right);
        }
        return super.transform(join, left, right);
    }

    /**
     * OPTIONAL { star FILTER … }: inside the request of the star on its left that it is about (see
     * {@link #foldOptional}); else, after a small left side, a bind join that keeps unmatched rows
     * (the left rows' join values in VALUES, the OPTIONAL's filter inside the request when it
     * mentions only the optional star's own variables), instead of fetching every member's whole
     * star for a hash left join. Only where ARQ's classifier says substituting the left rows is safe.
     */
    @Override
    public Op transform(org.apache.jena.sparql.algebra.op.OpLeftJoin lj, Op left, Op right) {
        Op folded = foldOptional(lj, left, right);
        if (folded != null) return folded;
        Op optional = optionalStar(lj, right);
        if (optional != null && org.apache.jena.sparql.engine.main.LeftJoinClassifier.isLinear(lj.getLeft(), lj.getRight())) {
            long l = estimate(left), r = estimate(right);
            if (l <= BIND_JOIN_MAX_ROWS && l * 4 <= r) return OpSequence.create(left, new OpService(OPTIONAL_STAR, optional, false));
        }
        return super.transform(lj, left, right);
    }

    /**
     * The right side of a left join as one star that carries the left join's filter: a filter that
     * mentions only the star's own triple variables (every answer row binds them) gives the same
     * rows evaluated over the star as over the joined row. Null when the right side is no plain
     * star or the filter mentions anything else (a left-side variable, say).
     */
    private static Op optionalStar(org.apache.jena.sparql.algebra.op.OpLeftJoin lj, Op right) {
        if (!(right instanceof OpService svc && STAR.equals(svc.getService()))) return null;
        List<Expr> exprs = lj.getExprs() == null ? List.of() : lj.getExprs().getList();
        if (exprs.isEmpty()) return svc.getSubOp();
        Star star = Star.of(svc.getSubOp());
        if (star == null || !star.plain()) return null;
        for (Expr e : exprs)
            if (!star.owns(e)) return null;
        return star.withFilters(exprs).op();
    }

    /**
     * OPTIONAL about the subject of a star on its left, or about an object that star reaches along
     * a member-local predicate: every triple the OPTIONAL can match lies with the member that
     * answers that star, so the left join runs there, inside the star's one request. The left side
     * may be that star, a sequence of stars holding it, or either under filters; the OPTIONAL and its
     * filter may share with the rest of the left side only variables that star always binds, so
     * that the left join sees the same values at the member as at the federator.
     */
    private Op foldOptional(org.apache.jena.sparql.algebra.op.OpLeftJoin lj, Op left, Op right) {
        if (!(right instanceof OpService rs && STAR.equals(rs.getService()))) return null;
        Star r = Star.of(rs.getSubOp());
        if (r == null || !r.plain() || !r.optionals().isEmpty() || !r.lookups().isEmpty() || r.vars().stream().anyMatch(v -> !RequestText.plain(v.getVarName()))) return null;
        List<Expr> exprs = lj.getExprs() == null ? List.of() : lj.getExprs().getList();
        if (!exprs.stream().allMatch(RequestText::pushable)) return null;
        Set<Var> mentioned = new LinkedHashSet<>(r.vars());
        exprs.forEach(e -> mentioned.addAll(e.getVarsMentioned()));
        return foldInto(left, rs.getSubOp(), r, lj.getExprs(), mentioned, Set.of());
    }

    /**
     * {@code left} with the optional folded into the star of it that it is about; {@code others}
     * are the variables of the parts of the left side outside {@code left}. Null if no star qualifies.
     */
    private Op foldInto(Op left, Op rightOp, Star r, ExprList exprs, Set<Var> mentioned, Set<Var> others) {
        if (left instanceof OpService ls && STAR.equals(ls.getService())) {
            Star l = Star.of(ls.getSubOp());
            if (l == null || !l.plain() || !about(l, r.subject())) return null;
            for (Var v : mentioned) if (others.contains(v) && !l.requiredVars().contains(v)) return null;
            Op sub = org.apache.jena.sparql.algebra.op.OpLeftJoin.create(ls.getSubOp(), rightOp, exprs);
            Star star = Star.of(sub);
            if (star == null || star.vars().stream().anyMatch(v -> !RequestText.plain(v.getVarName()))) return null;
            return new OpService(STAR, sub, false);
        }
        if (left instanceof OpFilter f) {
            // The filter then runs after the left join: the same rows if it mentions no variable the OPTIONAL may add.
            Set<Var> below = requiredVars(f.getSubOp());
            for (Var v : org.apache.jena.sparql.algebra.OpVars.visibleVars(rightOp))
                if (f.getExprs().getVarsMentioned().contains(v) && !below.contains(v)) return null;
            Set<Var> outside = new LinkedHashSet<>(others);
            outside.addAll(f.getExprs().getVarsMentioned());
            Op folded = foldInto(f.getSubOp(), rightOp, r, exprs, mentioned, outside);
            return folded == null ? null : OpFilter.filterBy(f.getExprs(), folded);
        }
        if (left instanceof OpSequence seq) return foldOneElement(seq, others, (e, outside) -> foldInto(e, rightOp, r, exprs, mentioned, outside));
        return null;
    }

    /**
     * The sequence with its first element that {@code fold} rewrites replaced by the rewrite, or
     * null; {@code fold} is given the element and the variables outside it (of the other elements
     * and {@code others}).
     */
    private static Op foldOneElement(OpSequence seq, Set<Var> others, java.util.function.BiFunction<Op, Set<Var>, Op> fold) {
        for (int k = 0; k < seq.size(); k++) {
            Set<Var> outside = new LinkedHashSet<>(others);
            for (int j = 0; j < seq.size(); j++)
                if (j != k) outside.addAll(org.apache.jena.sparql.algebra.OpVars.mentionedVars(seq.get(j)));
            Op folded = fold.apply(seq.get(k), outside);
            if (folded != null) {
                List<Op> elements = new ArrayList<>(seq.getElements());
                elements.set(k, folded);
                return OpSequence.create().copy(elements);
            }
        }
        return null;
    }

    /** Whether the star's subject is {@code node}, or the star reaches it along a member-local predicate. */
    private boolean about(Star star, Node node) {
        return star.subject().equals(node) || node.isVariable() && reaches(star, node, catalog::memberLocal);
    }

    /** The variables every row of a planned op binds: those of its stars' required triples, chained or filtered. */
    private static Set<Var> requiredVars(Op op) {
        Set<Var> out = new LinkedHashSet<>();
        if (op instanceof OpService s && STAR.equals(s.getService())) {
            Star star = Star.of(s.getSubOp());
            if (star != null) out.addAll(star.requiredVars());
        } else if (op instanceof OpFilter f) out.addAll(requiredVars(f.getSubOp()));
        else if (op instanceof OpSequence seq) seq.getElements().forEach(e -> out.addAll(requiredVars(e)));
        return out;
    }

    /**
     * A join of stars with a UNION whose branches are each a star about the subject of one of them
     * (the bench's union-about-subject, or what a path of alternatives becomes): the union runs
     * inside that star's request, since every branch's match lies with the member that owns the
     * subject. In a sequence of stars, the branches may share with the other stars only variables
     * that star always binds, so that the join sees the same values at the member.
     */
    private Op foldUnion(Op stars, Op union) {
        List<Star> branches = alternativeStars(union);
        if (branches == null) {
            if (!(union instanceof org.apache.jena.sparql.algebra.op.OpUnion)) return null;
            branches = new ArrayList<>();
            if (!Star.branches(union, o -> o instanceof OpService s && STAR.equals(s.getService()) ? Star.of(s.getSubOp()) : null, branches)) return null;
        }
        Set<Var> mentioned = new LinkedHashSet<>();
        branches.forEach(b -> mentioned.addAll(b.vars()));
        return withUnion(stars, branches, mentioned, Set.of());
    }

    private Op withUnion(Op op, List<Star> branches, Set<Var> mentioned, Set<Var> others) {
        if (op instanceof OpService s && STAR.equals(s.getService())) {
            Star star = Star.of(s.getSubOp());
            if (star == null || !star.plain() || !star.optionals().isEmpty()) return null;
            Node subject = branches.get(0).subject();
            if (branches.stream().anyMatch(b -> !b.subject().equals(subject)) || !about(star, subject)) return null;
            for (Var v : mentioned) if (others.contains(v) && !star.requiredVars().contains(v)) return null;
            return new OpService(STAR, star.withUnion(branches).op(), false);
        }
        if (op instanceof OpSequence seq) return foldOneElement(seq, others, (e, outside) -> withUnion(e, branches, mentioned, outside));
        return null;
    }

    /**
     * A path of alternative predicates ({@code time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear},
     * the date form of ontology/MODEL.md) is, as SPARQL defines it, the union of one triple pattern
     * per predicate: as such it can join the star that reaches its subject inside that star's
     * request ({@link #foldUnion}). Where it cannot, the path stays ARQ's (which fetches a small
     * relation once per query): a union of stars inside a sequence would be asked once per row.
     */
    private static List<Star> alternativeStars(Op op) {
        if (!(op instanceof org.apache.jena.sparql.algebra.op.OpPath opPath)) return null;
        var tp = opPath.getTriplePath();
        List<Node> predicates = new ArrayList<>();
        if (!alternatives(tp.getPath(), predicates) || tp.getSubject().isLiteral()) return null;
        List<Star> out = new ArrayList<>();
        for (Node p : predicates) out.add(new Star(tp.getSubject(), List.of(Triple.create(tp.getSubject(), p, tp.getObject())), List.of()));
        return out;
    }

    /** Whether the path is alternatives of two or more forward predicates, which it lists. */
    private static boolean alternatives(org.apache.jena.sparql.path.Path path, List<Node> out) {
        return path instanceof org.apache.jena.sparql.path.P_Alt && links(path, out);
    }

    private static boolean links(org.apache.jena.sparql.path.Path path, List<Node> out) {
        if (path instanceof org.apache.jena.sparql.path.P_Alt alt) return links(alt.getLeft(), out) && links(alt.getRight(), out);
        if (path instanceof org.apache.jena.sparql.path.P_Link link) {
            out.add(link.getNode());
            return true;
        }
        return false;
    }

    /**
     * In a sequence, a star followed by a star it reaches along a member-local predicate (ARQ cuts a
     * BGP into such pieces around a path) becomes one star, as {@link #mergeLocal} does within a
     * BGP; and a union joins the star it is about inside that star's request ({@link #foldUnion}).
     * Only neighbours merge: an element between them could see the later star's variables otherwise.
     */
    @Override
    public Op transform(OpSequence seq, List<Op> elements) {
        List<Op> out = new ArrayList<>(elements);
        for (int k = 0; k + 1 < out.size(); k++) {
            Star merged = mergeNeighbours(out.get(k), out.get(k + 1));
            if (merged == null) continue;
            out.set(k, serviceOf(merged));
            out.remove(k + 1);
            k = -1;
        }
        for (int u = 0; u < out.size(); u++) {
            if (!(out.get(u) instanceof org.apache.jena.sparql.algebra.op.OpUnion) && alternativeStars(out.get(u)) == null) continue;
            List<Op> rest = new ArrayList<>(out);
            Op union = rest.remove(u);
            Op folded = foldUnion(rest.size() == 1 ? rest.get(0) : OpSequence.create().copy(rest), union);
            if (folded == null) continue;
            out = folded instanceof OpSequence s ? new ArrayList<>(s.getElements()) : new ArrayList<>(List.of(folded));
            u = -1;
        }
        return out.size() == 1 ? out.get(0) : super.transform(seq, out);
    }

    private Star mergeNeighbours(Op first, Op second) {
        if (!(first instanceof OpService s1 && STAR.equals(s1.getService()) && second instanceof OpService s2 && STAR.equals(s2.getService())))
            return null;
        Star a = Star.of(s1.getSubOp()), b = Star.of(s2.getSubOp());
        if (a == null || b == null || !a.plain() || !b.plain() || !a.optionals().isEmpty() || !b.optionals().isEmpty() || !b.lookups().isEmpty()
                || !b.subject().isVariable() || !reaches(a, b.subject(), catalog::memberLocal)) return null;
        return a.mergedWith(b);
    }

    /** Above this many estimated left rows a bind join costs more requests than fetching the right side whole. */
    static final long BIND_JOIN_MAX_ROWS = 20_000;

    private static boolean starsOnly(Op op) {
        if (op instanceof OpService s) return STAR.equals(s.getService());
        if (op instanceof OpFilter f) return starsOnly(f.getSubOp());
        if (op instanceof OpSequence seq) return seq.getElements().stream().allMatch(FederationTransform::starsOnly);
        return false;
    }

    /** Rough rows of a planned op, from the members' VoID statistics; unknown is large. */
    long estimate(Op op) {
        if (op instanceof OpService s && STAR.equals(s.getService())) {
            Star star = Star.of(s.getSubOp());
            if (star != null) return cost(star);
        }
        if (op instanceof org.apache.jena.sparql.algebra.op.OpUnion u) return saturatedAdd(estimate(u.getLeft()), estimate(u.getRight()));
        if (op instanceof OpSequence seq && seq.size() > 0) return estimate(seq.get(0));
        if (op instanceof org.apache.jena.sparql.algebra.op.OpTable t) return t.getTable().size();
        if (op instanceof org.apache.jena.sparql.algebra.op.Op1 o) return estimate(o.getSubOp());
        return UNKNOWN;
    }

    private static final long UNKNOWN = Long.MAX_VALUE / 4;

    private static long saturatedAdd(long a, long b) {
        return Math.min(UNKNOWN, a + b);
    }

    /** Filters over a BGP travel with the stars whose variables they mention. */
    @Override
    public Op transform(OpFilter filter, Op sub) {
        Planned bgp = plannedBgps.get(sub);
        if (bgp != null && bgp.filters().isEmpty()) {
            Op planned = plan(bgp.pattern(), filter.getExprs());
            plannedBgps.put(planned, new Planned(bgp.pattern(), filter.getExprs()));
            return planned;
        }
        Op pushed = pushFilters(filter.getExprs(), sub);
        return pushed != null ? pushed : super.transform(filter, sub);
    }

    /**
     * Filters over planned stars that ARQ's filter placement left above them (over a MINUS, say, or
     * over stars folded together after placement):
     * each one that mentions only variables one star's own triples bind goes into that star's
     * request. Every row of the star binds them, and a join or left join after it changes none of
     * their values, so the filter keeps the same rows at the member. Null when none moves.
     */
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
        if (op instanceof OpService s && STAR.equals(s.getService())) {
            Star star = Star.of(s.getSubOp());
            if (star == null || !star.plain()) return null;
            if (star.owns(e)) return new OpService(STAR, star.withFilters(List.of(e)).op(), false);
            Star branched = star.withBranchFilter(e);
            return branched == null ? null : new OpService(STAR, branched.op(), false);
        }
        if (op instanceof OpFilter f) {
            Op inner = withFilter(f.getSubOp(), e);
            return inner == null ? null : OpFilter.filterBy(f.getExprs(), inner);
        }
        if (op instanceof org.apache.jena.sparql.algebra.op.OpLeftJoin lj) {
            Op inner = withFilter(lj.getLeft(), e);
            return inner == null ? null : org.apache.jena.sparql.algebra.op.OpLeftJoin.create(inner, lj.getRight(), lj.getExprs());
        }
        if (op instanceof org.apache.jena.sparql.algebra.op.OpMinus m) { // MINUS only drops rows of its left side
            Op inner = withFilter(m.getLeft(), e);
            return inner == null ? null : org.apache.jena.sparql.algebra.op.OpMinus.create(inner, m.getRight());
        }
        if (op instanceof org.apache.jena.sparql.algebra.op.OpJoin j) {
            Op inner = withFilter(j.getLeft(), e);
            if (inner != null) return org.apache.jena.sparql.algebra.op.OpJoin.create(inner, j.getRight());
            inner = withFilter(j.getRight(), e);
            return inner == null ? null : org.apache.jena.sparql.algebra.op.OpJoin.create(j.getLeft(), inner);
        }
        if (op instanceof OpSequence seq) return foldOneElement(seq, Set.of(), (element, outside) -> withFilter(element, e));
        return null;
    }

    @Override
    public Op transform(org.apache.jena.sparql.algebra.op.OpGroup group, Op sub) {
        Planned bgp = plannedBgps.get(sub);
        Op folded = bgp == null ? null : plan(bgp.pattern(), bgp.filters(), true);
        for (Op input : folded == null ? List.of(sub) : List.of(sub, folded)) {
            Op partial = PartialAggregation.rewrite(group, input);
            if (partial == null) partial = PartialAggregation.distinctRows(group, input);
            if (partial != null) return partial;
        }
        return super.transform(group, sub);
    }

    /**
     * ORDER BY + LIMIT over one star: each member returns its own top k, the federator keeps the
     * top k of their union — the same rows as the top k of everything.
     */
    @Override
    public Op transform(org.apache.jena.sparql.algebra.op.OpTopN top, Op sub) {
        Op inner = sub instanceof org.apache.jena.sparql.algebra.op.OpProject p ? p.getSubOp() : sub;
        if (inner instanceof OpService svc && STAR.equals(svc.getService()) && !(svc.getSubOp() instanceof org.apache.jena.sparql.algebra.op.OpTopN)
                && top.getConditions().stream().allMatch(c -> RequestText.pushable(c.getExpression()))) {
            Op pushed = new OpService(STAR, new org.apache.jena.sparql.algebra.op.OpTopN(svc.getSubOp(), top.getLimit(), top.getConditions()), false);
            Op rebuilt = sub instanceof org.apache.jena.sparql.algebra.op.OpProject p ? new org.apache.jena.sparql.algebra.op.OpProject(pushed, p.getVars()) : pushed;
            return new org.apache.jena.sparql.algebra.op.OpTopN(rebuilt, top.getLimit(), top.getConditions());
        }
        return super.transform(top, sub);
    }

    /**
     * SELECT DISTINCT over one star: each member answers DISTINCT already (the distinct rows of a
     * union are the distinct rows of the members' distinct rows), the federator removes the rest.
     */
    @Override
    public Op transform(org.apache.jena.sparql.algebra.op.OpDistinct distinct, Op sub) {
        if (sub instanceof org.apache.jena.sparql.algebra.op.OpProject project && project.getSubOp() instanceof OpService service
                && STAR.equals(service.getService())) {
            Star star = Star.of(service.getSubOp());
            if (star != null && star.plain() && project.getVars().stream().allMatch(v -> RequestText.plain(v.getVarName()))
                    && org.apache.jena.sparql.algebra.OpVars.visibleVars(service.getSubOp()).containsAll(project.getVars())) {
                Op inner = new org.apache.jena.sparql.algebra.op.OpDistinct(new org.apache.jena.sparql.algebra.op.OpProject(service.getSubOp(), project.getVars()));
                return new org.apache.jena.sparql.algebra.op.OpDistinct(new org.apache.jena.sparql.algebra.op.OpProject(new OpService(STAR, inner, false), project.getVars()));
            }
        }
        return super.transform(distinct, sub);
    }

    private Op plan(BasicPattern pattern, ExprList filters) {
        return plan(pattern, filters, false);
    }

    /**
     * Stars, their filters, member-local joins folded in; with {@code lookups}, also the stars about
     * code-list objects (worth it under an aggregate, which then runs at the members: for plain
     * rows the federator joins those from its own reference graph more cheaply).
     */
    private Op plan(BasicPattern pattern, ExprList filters, boolean lookups) {
        if (pattern.isEmpty()) return filters.isEmpty() ? new OpBGP(pattern) : OpFilter.filterBy(filters, new OpBGP(pattern));
        Map<Node, List<Triple>> bySubject = new LinkedHashMap<>();
        for (Triple t : pattern) bySubject.computeIfAbsent(t.getSubject(), k -> new ArrayList<>()).add(t);
        List<Star> stars = new ArrayList<>();
        List<Expr> remaining = new ArrayList<>(filters.getList());
        for (var e : bySubject.entrySet()) {
            Star s = new Star(e.getKey(), e.getValue(), List.of());
            List<Expr> mine = new ArrayList<>();
            for (Expr x : remaining)
                if (s.owns(x)) mine.add(x);
            remaining.removeAll(mine);
            stars.add(new Star(e.getKey(), e.getValue(), mine));
        }
        Op planned = order(lookups ? foldLookups(mergeLocal(stars)) : mergeLocal(stars));
        return remaining.isEmpty() ? planned : OpFilter.filterBy(new ExprList(remaining), planned);
    }

    /**
     * Folds a star into the star that reaches its subject through a member-local predicate (the link
     * sets say such links never leave a member), so that the join runs at the members in one request.
     */
    private List<Star> mergeLocal(List<Star> stars) {
        List<Star> out = new ArrayList<>(stars);
        boolean merged = true;
        while (merged) {
            merged = false;
            search:
            for (Star a : out)
                for (Star b : out) {
                    if (a == b || !b.subject().isVariable() || !reaches(a, b.subject(), catalog::memberLocal)) continue;
                    out.set(out.indexOf(a), a.mergedWith(b));
                    out.remove(b);
                    merged = true;
                    break search;
                }
        }
        return out;
    }

    /**
     * Folds a star about the objects another star reaches along a predicate that leads only to the
     * member's own subjects or to the reference graph (a code list's labels, typically) into that
     * star: each member joins them from its own graph and its copy of the reference graph, so the
     * pair is one request, and an aggregate over it can still be computed at the members.
     */
    private List<Star> foldLookups(List<Star> stars) {
        List<Star> out = new ArrayList<>(stars);
        boolean folded = true;
        while (folded) {
            folded = false;
            search:
            for (Star b : out) {
                if (!b.subject().isVariable() || !b.simple() || b.vars().stream().anyMatch(v -> !RequestText.plain(v.getVarName()))) continue;
                for (Star a : out) {
                    if (a == b || !reaches(a, b.subject(), catalog::localOrReference)) continue;
                    out.set(out.indexOf(a), a.withLookup(b));
                    out.remove(b);
                    folded = true;
                    break search;
                }
            }
        }
        return out;
    }

    /** Whether a triple of {@code a} has {@code b}'s subject as its object, along a named predicate {@code along} accepts. */
    private static boolean reaches(Star a, Node node, java.util.function.Predicate<Node> along) {
        for (Triple t : a.triples())
            if (t.getObject().equals(node) && !t.getPredicate().isVariable() && along.test(t.getPredicate())) return true;
        return false;
    }

    /**
     * Chains connected stars, cheapest first. Unconnected groups follow in the same sequence rather
     * than a join: inside a larger sequence the outer bindings often connect them (ARQ puts a BGP
     * after the UNION that binds its subjects), and then each becomes a bind join; where nothing
     * connects them the star executor fetches the group once and reuses it for every block.
     */
    private Op order(List<Star> stars) {
        List<Star> todo = new ArrayList<>(stars);
        todo.sort(Comparator.comparingLong(this::cost));
        List<Op> components = new ArrayList<>();
        while (!todo.isEmpty()) {
            Star first = todo.remove(0);
            Set<Var> bound = new LinkedHashSet<>(first.vars());
            OpSequence seq = OpSequence.create();
            seq.add(serviceOf(first));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Star s : todo) {
                    if (s.vars().stream().anyMatch(bound::contains) || s.vars().isEmpty()) {
                        seq.add(serviceOf(s));
                        bound.addAll(s.vars());
                        todo.remove(s);
                        grew = true;
                        break;
                    }
                }
            }
            components.add(seq.size() == 1 ? seq.get(0) : seq);
        }
        if (components.size() == 1) return components.get(0);
        OpSequence out = OpSequence.create();
        components.forEach(out::add);
        return out;
    }

    /** Rough cost: constant subjects first (one member, one subject), then the smallest predicate. */
    private long cost(Star s) {
        if (!s.subject().isVariable()) return 0;
        long best = Long.MAX_VALUE;
        for (Triple t : s.triples()) {
            boolean typed = t.getPredicate().isURI() && t.getPredicate().getURI().equals(org.apache.jena.vocabulary.RDF.type.getURI())
                    && t.getObject().isURI();
            long sum = catalog.total(m -> typed ? catalog.instances(m, t.getObject())
                    : catalog.estimate(m, t.getPredicate().isVariable() ? null : t.getPredicate()));
            if (sum < 0) continue;
            if (!typed && !t.getObject().isVariable()) sum = sum / 10 + 1; // a bound object narrows it
            best = Math.min(best, sum);
        }
        return best == Long.MAX_VALUE ? UNKNOWN : best + 1;
    }

    private static Op serviceOf(Star s) {
        return new OpService(STAR, s.op(), false);
    }
}
