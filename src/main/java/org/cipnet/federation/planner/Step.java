package org.cipnet.federation.planner;

import java.util.List;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.algebra.op.OpUnion;

/**
 * One named rewrite of the planner (the class names it): what it makes of the operators it knows,
 * given their children as rewritten already (the planner applies its steps bottom-up, {@link Pass}). Each method returns
 * null where the step does not apply, and the next step of the pass is asked; a sequence's elements
 * go through every step in turn.
 */
interface Step {
    default Op bgp(OpBGP bgp) {
        return null;
    }

    default Op filter(OpFilter filter, Op sub) {
        return null;
    }

    default Op join(OpJoin join, Op left, Op right) {
        return null;
    }

    default Op leftJoin(OpLeftJoin leftJoin, Op left, Op right) {
        return null;
    }

    /** The elements of a sequence, rewritten; null when unchanged. */
    default List<Op> sequence(List<Op> elements) {
        return null;
    }

    default Op union(OpUnion union, Op left, Op right) {
        return null;
    }

    default Op group(OpGroup group, Op sub) {
        return null;
    }

    default Op topN(OpTopN top, Op sub) {
        return null;
    }

    default Op distinct(OpDistinct distinct, Op sub) {
        return null;
    }
}
