package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.cipnet.federation.members.MemberCatalog;

/**
 * Every basic graph pattern becomes subject-stars, each a {@code SERVICE <urn:cipnet:star>} that
 * the star executor sends to the relevant members. A star about an object another star reaches
 * along a member-local predicate (the link sets say such links never leave a member) is folded into
 * it, so the join runs at the members in one request. Connected stars are chained in a sequence,
 * cheapest first ({@link CostModel#cost}), so that later ones run as bind joins on the earlier ones'
 * bindings. A filter directly over the pattern travels with the star whose triples bind all its
 * variables. In a sequence, neighbouring stars joined along a member-local predicate merge too.
 *
 * <p>The step remembers each pattern it planned, so that {@link PushAggregates} can plan it again
 * with code-list lookups folded in ({@link #withLookups}).
 */
final class StarsFromPatterns implements Step {
    private final MemberCatalog catalog;
    private final CostModel costs;

    /**
     * What each planned BGP was: the pass runs bottom-up, so a filter above a BGP sees the planned
     * stars and re-plans the pattern with its expressions.
     */
    private final Map<Op, Planned> plannedBgps = new IdentityHashMap<>();

    private record Planned(BasicPattern pattern, ExprList filters) {}

    StarsFromPatterns(MemberCatalog catalog, CostModel costs) {
        this.catalog = catalog;
        this.costs = costs;
    }

    @Override
    public Op bgp(OpBGP op) {
        Op planned = plan(op.getPattern(), new ExprList());
        plannedBgps.put(planned, new Planned(op.getPattern(), new ExprList()));
        return planned;
    }

    /** A filter over a BGP this step planned: the pattern planned again, the filter's expressions with the stars they are about. */
    @Override
    public Op filter(OpFilter filter, Op sub) {
        Planned bgp = plannedBgps.get(sub);
        if (bgp == null || !bgp.filters().isEmpty()) return null;
        Op planned = plan(bgp.pattern(), filter.getExprs());
        plannedBgps.put(planned, new Planned(bgp.pattern(), filter.getExprs()));
        return planned;
    }

    /**
     * The pattern that {@code planned} (this step's output) came from, planned again with the stars
     * about code-list objects folded into the stars that reach them ({@link #foldLookups}); null
     * when {@code planned} is not this step's plan of a pattern.
     */
    Op withLookups(Op planned) {
        Planned bgp = plannedBgps.get(planned);
        return bgp == null ? null : plan(bgp.pattern(), bgp.filters(), true);
    }

    /**
     * In a sequence, a star followed by a star it reaches along a member-local predicate (ARQ cuts a
     * BGP into such pieces around a path) becomes one star, as {@link #mergeLocal} does within a
     * BGP. Only neighbours merge: an element between them could see the later star's variables otherwise.
     */
    @Override
    public List<Op> sequence(List<Op> elements) {
        List<Op> out = new ArrayList<>(elements);
        for (int k = 0; k + 1 < out.size(); k++) {
            Star merged = mergeNeighbours(out.get(k), out.get(k + 1));
            if (merged == null) continue;
            out.set(k, StarOps.serviceOf(merged));
            out.remove(k + 1);
            k = -1;
        }
        return out;
    }

    /**
     * Two neighbouring stars as one, or null: the second about an object the first reaches along a
     * member-local predicate, either in the first's own triples or in every branch of one of its
     * unions (then the second star joins each branch: {@code { ?p cip:operatedBy ?a } UNION
     * { ?p cip:fundedBy ?a }} then {@code ?a}'s labels, with both predicates member-local).
     */
    private Star mergeNeighbours(Op first, Op second) {
        if (!StarOps.isStar(first) || !StarOps.isStar(second)) return null;
        Star a = StarOps.starOf(first), b = StarOps.starOf(second);
        if (a == null || b == null || !a.plain() || !b.plain() || !a.optionals().isEmpty() || !b.optionals().isEmpty() || !b.lookups().isEmpty()
                || !b.subject().isVariable()) return null;
        if (StarOps.reaches(a, b.subject(), catalog::memberLocal)) return a.mergedWith(b);
        if (!b.unions().isEmpty()) return null;
        for (int u = 0; u < a.unions().size(); u++)
            if (a.unions().get(u).branches().stream().allMatch(x -> StarOps.reaches(new Star(x.subject(), x.triples(), List.of()), b.subject(), catalog::memberLocal)))
                return a.withBranchesJoined(u, b);
        return null;
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
                    if (a == b || !b.subject().isVariable() || !StarOps.reaches(a, b.subject(), catalog::memberLocal)) continue;
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
                    if (a == b || !StarOps.reaches(a, b.subject(), catalog::localOrReference)) continue;
                    out.set(out.indexOf(a), a.withLookup(b));
                    out.remove(b);
                    folded = true;
                    break search;
                }
            }
        }
        return out;
    }

    /**
     * Chains connected stars, cheapest first. Unconnected groups follow in the same sequence rather
     * than a join: inside a larger sequence the outer bindings often connect them (ARQ puts a BGP
     * after the UNION that binds its subjects), and then each becomes a bind join; where nothing
     * connects them the star executor fetches the group once and reuses it for every block.
     */
    private Op order(List<Star> stars) {
        List<Star> todo = new ArrayList<>(stars);
        todo.sort(Comparator.comparingLong(costs::cost));
        List<Op> components = new ArrayList<>();
        while (!todo.isEmpty()) {
            Star first = todo.remove(0);
            Set<Var> bound = new LinkedHashSet<>(first.vars());
            OpSequence seq = OpSequence.create();
            seq.add(StarOps.serviceOf(first));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Star s : todo) {
                    if (s.vars().stream().anyMatch(bound::contains) || s.vars().isEmpty()) {
                        seq.add(StarOps.serviceOf(s));
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
}
