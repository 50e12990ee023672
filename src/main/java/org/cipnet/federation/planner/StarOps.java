package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVars;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.core.Var;
import org.cipnet.federation.members.MemberCatalog;

/** What several steps read of planned algebra: pushed-down stars, what they reach, what they always bind. */
final class StarOps {
    private StarOps() {}

    /** Whether {@code op} is a pushed-down star's service. */
    static boolean isStar(Op op) {
        return op instanceof OpService s && Markers.STAR.equals(s.getService());
    }

    /** The star of a pushed-down star's service, or null for any other op (or a service op {@link Star#of} cannot read). */
    static Star starOf(Op op) {
        return isStar(op) ? Star.of(((OpService) op).getSubOp()) : null;
    }

    static Op serviceOf(Star s) {
        return new OpService(Markers.STAR, s.op(), false);
    }

    /** Whether a triple of {@code a} has {@code node} as its object, along a named predicate {@code along} accepts. */
    static boolean reaches(Star a, Node node, Predicate<Node> along) {
        for (Triple t : a.triples())
            if (t.getObject().equals(node) && !t.getPredicate().isVariable() && along.test(t.getPredicate())) return true;
        return false;
    }

    /** Whether the star's subject is {@code node}, or the star reaches it along a member-local predicate. */
    static boolean about(Star star, Node node, MemberCatalog catalog) {
        return star.subject().equals(node) || node.isVariable() && reaches(star, node, catalog::memberLocal);
    }

    /** The variables every row of a planned op binds: those of its stars' required triples, chained or filtered. */
    static Set<Var> requiredVars(Op op) {
        Set<Var> out = new LinkedHashSet<>();
        if (isStar(op)) {
            Star star = starOf(op);
            if (star != null) out.addAll(star.requiredVars());
        } else if (op instanceof OpFilter f) out.addAll(requiredVars(f.getSubOp()));
        else if (op instanceof OpSequence seq) seq.getElements().forEach(e -> out.addAll(requiredVars(e)));
        return out;
    }

    /**
     * The variables {@code op} mentions or binds. ARQ's mentioned variables leave out those a BIND
     * defines ({@code { BIND(… AS ?b) }} in a group of its own), which bind a variable as a triple does.
     */
    static Set<Var> vars(Op op) {
        Set<Var> out = new LinkedHashSet<>(OpVars.mentionedVars(op));
        out.addAll(OpVars.visibleVars(op));
        return out;
    }

    /**
     * The sequence with its first element that {@code fold} rewrites replaced by the rewrite, or
     * null; {@code fold} is given the element and the variables outside it (of the other elements
     * and {@code others}).
     */
    static Op foldOneElement(OpSequence seq, Set<Var> others, BiFunction<Op, Set<Var>, Op> fold) {
        for (int k = 0; k < seq.size(); k++) {
            Set<Var> outside = new LinkedHashSet<>(others);
            for (int j = 0; j < seq.size(); j++)
                if (j != k) outside.addAll(vars(seq.get(j)));
            Op folded = fold.apply(seq.get(k), outside);
            if (folded != null) {
                List<Op> elements = new ArrayList<>(seq.getElements());
                elements.set(k, folded);
                return OpSequence.create().copy(elements);
            }
        }
        return null;
    }
}
