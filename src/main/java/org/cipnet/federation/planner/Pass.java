package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.algebra.op.OpUnion;

/**
 * Steps applied together in one bottom-up walk: at each operator the steps are asked in their
 * order and the first rewrite wins (a sequence's elements go through all of them); an operator no
 * step rewrites is copied with its rewritten children.
 */
final class Pass extends TransformCopy {
    private final List<Step> steps;

    Pass(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    Pass(Step step) {
        this(List.of(step));
    }

    /** {@code op} with the steps applied bottom-up, over every operator (inside SERVICE too, as ARQ's transforms go). */
    Op apply(Op op) {
        return Transformer.transform(this, op);
    }

    List<Step> steps() {
        return steps;
    }

    @Override
    public Op transform(OpBGP op) {
        return first(s -> s.bgp(op), () -> super.transform(op));
    }

    @Override
    public Op transform(OpFilter filter, Op sub) {
        return first(s -> s.filter(filter, sub), () -> super.transform(filter, sub));
    }

    /** A join a step made a sequence of (a union folded into a star of one, a bind join) goes through the sequence steps too. */
    @Override
    public Op transform(OpJoin join, Op left, Op right) {
        Op out = first(s -> s.join(join, left, right), () -> super.transform(join, left, right));
        return out instanceof OpSequence seq ? sequence(seq, seq.getElements()) : out;
    }

    @Override
    public Op transform(OpLeftJoin leftJoin, Op left, Op right) {
        return first(s -> s.leftJoin(leftJoin, left, right), () -> super.transform(leftJoin, left, right));
    }

    @Override
    public Op transform(OpSequence seq, List<Op> elements) {
        return sequence(seq, elements);
    }

    /**
     * The elements through every step's sequence rewrite, in order, and again while one changes them:
     * a union folded into a star may let that star merge with its neighbour, which another union may
     * then be about.
     */
    private Op sequence(OpSequence seq, List<Op> elements) {
        List<Op> out = new ArrayList<>(elements);
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Step s : steps) {
                List<Op> r = s.sequence(out);
                if (r != null && !r.equals(out)) {
                    out = r;
                    changed = true;
                }
            }
        }
        return out.size() == 1 ? out.get(0) : super.transform(seq, out);
    }

    @Override
    public Op transform(OpUnion union, Op left, Op right) {
        return first(s -> s.union(union, left, right), () -> super.transform(union, left, right));
    }

    @Override
    public Op transform(OpGroup group, Op sub) {
        return first(s -> s.group(group, sub), () -> super.transform(group, sub));
    }

    @Override
    public Op transform(OpTopN top, Op sub) {
        return first(s -> s.topN(top, sub), () -> super.transform(top, sub));
    }

    @Override
    public Op transform(OpDistinct distinct, Op sub) {
        return first(s -> s.distinct(distinct, sub), () -> super.transform(distinct, sub));
    }

    /** The first step's rewrite of the operator, or {@code otherwise} (the copy) when no step rewrites it. */
    private Op first(Function<Step, Op> rewrite, Supplier<Op> otherwise) {
        for (Step s : steps) {
            Op r = rewrite.apply(s);
            if (r != null) return r;
        }
        return otherwise.get();
    }
}
