package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.op.OpUnion;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.path.P_Alt;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.sparql.path.Path;
import org.cipnet.federation.members.MemberCatalog;

/**
 * A join of stars with a UNION whose branches are each a star about the subject of one of them
 * (the bench's union-about-subject), a branch perhaps binding constants ({@code BIND("operates" AS
 * ?role)}), or with a path of alternative predicates (which SPARQL defines as such a union): the
 * union runs inside that star's request, since every branch's match lies with the member that owns
 * the subject. In a join or in a sequence alike.
 */
record UnionsIntoStars(MemberCatalog catalog) implements Step {
    @Override
    public Op join(OpJoin join, Op left, Op right) {
        Op folded = foldUnion(left, right);
        return folded != null ? folded : foldUnion(right, left);
    }

    /** In a sequence, a union (or path of alternatives) joins the star it is about inside that star's request ({@link #foldUnion}). */
    @Override
    public List<Op> sequence(List<Op> elements) {
        for (int u = 0; u < elements.size(); u++) {
            if (!(elements.get(u) instanceof OpUnion) && alternativeStars(elements.get(u)) == null) continue;
            List<Op> rest = new ArrayList<>(elements);
            Op union = rest.remove(u);
            Op folded = foldUnion(rest.size() == 1 ? rest.get(0) : OpSequence.create().copy(rest), union);
            if (folded != null) return folded instanceof OpSequence s ? s.getElements() : List.of(folded); // the pass asks again
        }
        return null;
    }

    /**
     * {@code stars} joined with {@code union} inside the request of the star of it that the union's
     * branches are about, or null. In a sequence of stars, the branches may share with the other
     * stars only variables that star always binds, so that the join sees the same values at the member.
     */
    private Op foldUnion(Op joined, Op union) {
        List<Star.Branch> branches = alternativeStars(union);
        if (branches == null) {
            if (!(union instanceof OpUnion)) return null;
            branches = new ArrayList<>();
            if (!Star.branches(union, o -> {
                Star.Branch b = Star.Branch.read(o, StarOps::starOf);
                return b != null && new Star(b.subject(), b.triples(), b.filters()).simple() ? b : null;
            }, branches)) return null;
        }
        // Among stars only joined, any star may take the union (joins regroup freely); with other ops
        // around (an OPTIONAL, a FILTER), those must see the union's variables where the query has them.
        Set<Var> mentioned = new LinkedHashSet<>();
        if (!joinedStarsOnly(joined)) branches.forEach(b -> mentioned.addAll(b.vars()));
        return withUnion(joined, branches, mentioned, Set.of());
    }

    /** Whether the op is stars joined and nothing else: a star, or a sequence (a bind join) of such. */
    private static boolean joinedStarsOnly(Op op) {
        return StarOps.isStar(op) || op instanceof OpSequence seq && seq.getElements().stream().allMatch(UnionsIntoStars::joinedStarsOnly);
    }

    private Op withUnion(Op op, List<Star.Branch> branches, Set<Var> mentioned, Set<Var> others) {
        if (op instanceof OpService s && Markers.STAR.equals(s.getService())) {
            Star star = Star.of(s.getSubOp());
            if (star == null || !star.plain() || !star.optionals().isEmpty()) return null;
            Node subject = branches.get(0).subject();
            if (branches.stream().anyMatch(b -> !b.subject().equals(subject)) || !StarOps.about(star, subject, catalog)) return null;
            for (Var v : mentioned) if (others.contains(v) && !star.requiredVars().contains(v)) return null;
            return new OpService(Markers.STAR, star.withUnion(branches).op(), false);
        }
        if (op instanceof OpSequence seq) return StarOps.foldOneElement(seq, others, (e, outside) -> withUnion(e, branches, mentioned, outside));
        return null;
    }

    /**
     * A path of alternative predicates ({@code time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear},
     * the date form of ontology/MODEL.md) is, as SPARQL defines it, the union of one triple pattern
     * per predicate: as such it can join the star that reaches its subject inside that star's
     * request ({@link #foldUnion}). Where it cannot, the path stays ARQ's (which fetches a small
     * relation once per query): a union of stars inside a sequence would be asked once per row.
     */
    private static List<Star.Branch> alternativeStars(Op op) {
        if (!(op instanceof OpPath opPath)) return null;
        var tp = opPath.getTriplePath();
        List<Node> predicates = new ArrayList<>();
        if (!alternatives(tp.getPath(), predicates) || tp.getSubject().isLiteral()) return null;
        List<Star.Branch> out = new ArrayList<>();
        for (Node p : predicates) out.add(new Star.Branch(List.of(Triple.create(tp.getSubject(), p, tp.getObject())), List.of(), java.util.Map.of()));
        return out;
    }

    /** Whether the path is alternatives of two or more forward predicates, which it lists. */
    private static boolean alternatives(Path path, List<Node> out) {
        return path instanceof P_Alt && links(path, out);
    }

    private static boolean links(Path path, List<Node> out) {
        if (path instanceof P_Alt alt) return links(alt.getLeft(), out) && links(alt.getRight(), out);
        if (path instanceof P_Link link) {
            out.add(link.getNode());
            return true;
        }
        return false;
    }
}
