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

/** What a plan leaves to the federator: operators outside every pushed-down service, counted; and what the services fold. */
public final class PlanCounts {
    private PlanCounts() {}

    /** The planned algebra of a query, as the federation engine makes it. */
    public static Op plan(org.apache.jena.query.Query query, org.cipnet.federation.members.MemberCatalog catalog) {
        Op op = org.apache.jena.sparql.algebra.Algebra.compile(query);
        org.apache.jena.sparql.util.Context cxt = org.apache.jena.query.ARQ.getContext().copy();
        cxt.set(org.apache.jena.query.ARQ.optFilterPlacementBGP, false);
        cxt.set(org.apache.jena.query.ARQ.optIndexJoinStrategy, false); // as the federator's dataset sets it
        Op optimized = org.apache.jena.sparql.algebra.Algebra.optimize(op, cxt);
        if (System.getProperty("printPlans") != null) System.out.println("OPTIMIZED\n" + optimized);
        return Planner.plan(optimized, catalog);
    }

    /**
     * Pushed-down services that join more than one subject (a star merged along a member-local link,
     * a code-list lookup folded in) or follow a sequence path: what only a member-local fold gives
     * (a union of stars, whose branches are about different subjects but not joined, is none).
     */
    public static long memberLocalFolds(Op plan) {
        long[] n = {0};
        org.apache.jena.sparql.algebra.OpWalker.walk(plan, new org.apache.jena.sparql.algebra.OpVisitorBase() {
            @Override
            public void visit(OpService s) {
                if (Markers.STARS.equals(s.getService())) return; // its branches are stars side by side, joined nowhere
                java.util.Set<org.apache.jena.graph.Node> subjects = new java.util.HashSet<>();
                boolean[] sequence = {false};
                org.apache.jena.sparql.algebra.OpWalker.walk(s.getSubOp(), new org.apache.jena.sparql.algebra.OpVisitorBase() {
                    @Override public void visit(org.apache.jena.sparql.algebra.op.OpBGP b) { b.getPattern().forEach(t -> subjects.add(t.getSubject())); }
                    @Override public void visit(org.apache.jena.sparql.algebra.op.OpTriple t) { subjects.add(t.getTriple().getSubject()); }
                    @Override public void visit(org.apache.jena.sparql.algebra.op.OpPath p) {
                        subjects.add(p.getTriplePath().getSubject());
                        if (p.getTriplePath().getPath() instanceof org.apache.jena.sparql.path.P_Seq) sequence[0] = true;
                    }
                });
                if (subjects.size() > 1 || sequence[0]) n[0]++;
            }
        });
        return n[0];
    }

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
