package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.op.OpUnion;

/**
 * A UNION of stars that no star takes into its request (branches about different subjects, as in
 * catalogue query 08) as one pushed-down service, {@code SERVICE <urn:cipnet:stars>} over the
 * union of the stars' ops: asked without join values, each member gets one request holding the
 * branches it may answer, instead of one request per branch. Each star's answer over the
 * federation is the bag union of its answers at each member and the federator's own graph, so the
 * union's answer is the bag union of each member's answer to the union: the same rows.
 */
public final class StarUnion {
    private StarUnion() {}

    /** The union as one service if every branch is a plain pushed-down star; else the op itself. */
    static Op of(Op op) {
        if (!(op instanceof OpUnion)) return op;
        List<Op> stars = new ArrayList<>();
        if (!leaves(op, stars)) return op;
        Op union = null;
        for (Op s : stars) union = union == null ? s : OpUnion.create(union, s);
        return new OpService(Markers.STARS, union, false);
    }

    private static boolean leaves(Op op, List<Op> out) {
        if (op instanceof OpUnion u) return leaves(u.getLeft(), out) && leaves(u.getRight(), out);
        if (op instanceof OpService s && Markers.STARS.equals(s.getService())) { // a nested union made one service already, bottom-up
            collectOps(s.getSubOp(), out);
            return true;
        }
        if (!(op instanceof OpService s && Markers.STAR.equals(s.getService()))) return false;
        Star star = Star.of(s.getSubOp());
        if (star == null || !star.plain()) return false;
        out.add(s.getSubOp());
        return true;
    }

    /** The branches' ops of a union of stars' ops, in order. */
    private static void collectOps(Op op, List<Op> out) {
        if (op instanceof OpUnion u) {
            collectOps(u.getLeft(), out);
            collectOps(u.getRight(), out);
        } else out.add(op);
    }

    /** The branches of a {@code SERVICE <urn:cipnet:stars>}, in order. */
    public static List<Star> branches(OpService service) {
        List<Op> ops = new ArrayList<>();
        collectOps(service.getSubOp(), ops);
        List<Star> out = new ArrayList<>();
        for (Op op : ops) {
            Star s = Star.of(op);
            if (s == null) throw new IllegalStateException("not a pushed-down star: " + op);
            out.add(s);
        }
        return out;
    }
}
