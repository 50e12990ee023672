package org.cipnet.federation.planner;

import java.util.function.ToLongFunction;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.Op2;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpN;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.op.OpUnion;

/** What a plan leaves to the federator: operators outside every pushed-down service, counted. */
public final class PlanCounts {
    private PlanCounts() {}

    /** The sum of {@code count} over the operators the federator evaluates itself. */
    public static long atTheFederator(Op op, ToLongFunction<Op> count) {
        if (op instanceof OpService) return 0;
        long n = count.applyAsLong(op);
        if (op instanceof Op1 o) n += atTheFederator(o.getSubOp(), count);
        if (op instanceof Op2 o) n += atTheFederator(o.getLeft(), count) + atTheFederator(o.getRight(), count);
        if (op instanceof OpN o) for (Op e : o.getElements()) n += atTheFederator(e, count);
        return n;
    }

    /** Filter expressions the federator evaluates. */
    public static long filters(Op op) {
        return atTheFederator(op, o -> o instanceof OpFilter f ? f.getExprs().size() : 0);
    }

    public static long leftJoins(Op op) {
        return atTheFederator(op, o -> o instanceof OpLeftJoin ? 1 : 0);
    }

    public static long unions(Op op) {
        return atTheFederator(op, o -> o instanceof OpUnion ? 1 : 0);
    }
}
