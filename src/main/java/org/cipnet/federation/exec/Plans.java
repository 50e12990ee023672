package org.cipnet.federation.exec;

import java.util.Set;

import org.apache.jena.atlas.lib.Cache;
import org.apache.jena.atlas.lib.CacheFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.E_Call;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVisitor;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.util.Context;
import org.cipnet.federation.members.MemberCatalog;

/**
 * Plans kept per request text. Dashboards, the web front and the bench send the same texts again
 * and again, and for a query that asks no member, planning was a quarter of the federator's work:
 * of 1,307 samples for catalogue queries 10 and 23, ARQ's compiling took 47, its optimiser and the
 * federation planner 258 (JFR, 2026-12-08). A kept plan is used only while the catalogue gives the planner the
 * same inputs ({@link MemberCatalog#planInputs()}): new statistics, a member replaced, a reference
 * answer expired, and the query is planned afresh.
 */
final class Plans {
    /** Longer texts are planned each time: a client cannot fill the cache with a few huge queries. */
    static final int MAX_TEXT = 16 * 1024;
    static final int SIZE = 256;

    /** A request's text, and the LIMIT the federator's result cap may have given its query. */
    record Key(String text, long limit) {}

    /** A plan, what it was made from, and what the query may match ({@link PlainMembers#predicates}, null: anything). */
    record Kept(MemberCatalog.PlanInputs inputs, Op plan, Set<Node> predicates) {}

    private final Cache<Key, Kept> kept = CacheFactory.createCache(SIZE);

    /**
     * The plan kept for this key, if it was made from these inputs. One made from others stays until
     * the plan made now replaces it: a request whose inputs were read just before another kept a
     * newer plan must not drop that one.
     */
    Kept get(Key key, MemberCatalog.PlanInputs now) {
        Kept k = kept.getIfPresent(key);
        return k != null && k.inputs().equals(now) ? k : null;
    }

    /**
     * Keeps a plan when the catalogue gave the same inputs before and after planning (statistics
     * that arrived meanwhile may not be the ones the plan read), and when every function call in it
     * could be bound now: ARQ binds one when first evaluated, without synchronisation, so a plan is
     * shared only with its calls bound. A plan with {@code CALL(…)} is not kept: that expression
     * fills a map of its own as it runs.
     */
    void keep(Key key, MemberCatalog.PlanInputs before, MemberCatalog.PlanInputs after, Op plan, Set<Node> predicates, Context cxt) {
        if (key.text().length() > MAX_TEXT || !before.equals(after) || !bindFunctions(plan, cxt)) return;
        kept.put(key, new Kept(after, plan, predicates == null ? null : Set.copyOf(predicates)));
    }

    private static boolean bindFunctions(Op plan, Context cxt) {
        boolean[] ok = {true};
        ExprVisitor calls = new ExprVisitorBase() {
            @Override
            public void visit(ExprFunctionN f) {
                if (f instanceof E_Call) ok[0] = false;
                else if (f instanceof E_Function call) {
                    try {
                        call.buildFunction(cxt); // an unknown function is bound as unknown: each evaluation raises its error, as unkept
                    } catch (RuntimeException e) {
                        ok[0] = false; // a call ARQ cannot build (wrong arguments): planned each time, so that each request meets its error
                    }
                }
            }

            @Override
            public void visit(ExprFunctionOp f) {
                Walker.walk(f.getGraphPattern(), new Unwalked(this), this);
            }

            @Override
            public void visit(ExprAggregator a) {
                if (a.getAggregator().getExprList() != null) Walker.walk(a.getAggregator().getExprList(), this);
            }
        };
        Walker.walk(plan, new Unwalked(calls), calls);
        return ok[0];
    }

    /** The expressions the walker does not enter: a grouping's aggregates, and the keys of ORDER BY and top-N. */
    private static final class Unwalked extends OpVisitorBase {
        private final ExprVisitor calls;

        Unwalked(ExprVisitor calls) {
            this.calls = calls;
        }

        @Override
        public void visit(OpGroup group) {
            group.getAggregators().forEach(a -> calls.visit(a));
        }

        @Override
        public void visit(OpOrder order) {
            keys(order.getConditions());
        }

        @Override
        public void visit(OpTopN top) {
            keys(top.getConditions());
        }

        private void keys(java.util.List<SortCondition> conditions) {
            for (SortCondition c : conditions) Walker.walk(c.getExpression(), this, calls);
        }
    }
}
