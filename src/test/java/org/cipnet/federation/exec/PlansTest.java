package org.cipnet.federation.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.Context;
import org.cipnet.federation.members.MemberCatalog;
import org.junit.jupiter.api.Test;

/** What a plan must have before it is shared between requests: every function call bound, and no expression that keeps state as it runs. */
class PlansTest {
    private static final String PREFIXES = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX fn: <http://www.w3.org/2005/xpath-functions#> ";
    private final MemberCatalog.PlanInputs inputs = new MemberCatalog(List.of(), GraphFactory.createDefaultGraph(), null).planInputs();

    private static Op plan(String query) {
        return Algebra.compile(QueryFactory.create(PREFIXES + query)); // not optimised: ARQ's constant folding binds some calls itself
    }

    /** Every function call of the plan, found by a walk of its own: filters, binds, aggregates, sort keys, inside EXISTS. */
    private static List<E_Function> calls(Op op) {
        List<E_Function> out = new ArrayList<>();
        OpWalker.walk(op, new OpVisitorBase() {
            @Override public void visit(OpFilter f) { f.getExprs().forEach(e -> collect(e, out)); }
            @Override public void visit(OpExtend e) { e.getVarExprList().getExprs().values().forEach(x -> collect(x, out)); }
            @Override public void visit(OpGroup g) { g.getAggregators().forEach(a -> a.getAggregator().getExprList().forEach(x -> collect(x, out))); }
            @Override public void visit(OpOrder o) { o.getConditions().forEach(c -> collect(c.getExpression(), out)); }
            @Override public void visit(OpTopN t) { t.getConditions().forEach(c -> collect(c.getExpression(), out)); }
        });
        return out;
    }

    private static void collect(Expr e, List<E_Function> out) {
        if (e instanceof E_Function f) out.add(f);
        if (e instanceof ExprFunctionOp x) out.addAll(calls(x.getGraphPattern()));
        if (e instanceof ExprFunction f) f.getArgs().forEach(a -> collect(a, out));
    }

    private static boolean bound(E_Function f) throws Exception {
        var field = E_Function.class.getDeclaredField("functionBound");
        field.setAccessible(true);
        return field.getBoolean(f);
    }

    @Test
    void aKeptPlanHasEveryFunctionCallBoundSortKeysAndAggregatesIncluded() throws Exception {
        String[] queries = {
                "SELECT ?x WHERE { ?s ?p ?x FILTER(xsd:integer(?x) > 1) }",
                "SELECT ?y WHERE { ?s ?p ?x BIND(fn:upper-case(?x) AS ?y) }",
                "SELECT (SUM(xsd:integer(?x)) AS ?n) WHERE { ?s ?p ?x }",
                "SELECT ?x WHERE { ?s ?p ?x } ORDER BY (fn:replace(?x, '^The ', ''))",
                "SELECT ?x WHERE { ?s ?p ?x } ORDER BY (xsd:integer(?x)) LIMIT 5",
                "SELECT ?x WHERE { ?s ?p ?x FILTER EXISTS { SELECT ?x WHERE { ?x ?q ?o } ORDER BY (xsd:string(?o)) LIMIT 1 } }",
        };
        for (String q : queries) {
            Op op = plan(q);
            List<E_Function> calls = calls(op);
            assertFalse(calls.isEmpty(), "the walk finds the calls of " + q);
            for (E_Function f : calls) assertFalse(bound(f), "not bound before: " + q);
            Plans plans = new Plans();
            Plans.Key key = new Plans.Key(q, -1);
            plans.keep(key, inputs, inputs, op, null, new Context());
            assertSame(op, plans.get(key, inputs).plan(), "kept: " + q);
            for (E_Function f : calls) assertTrue(bound(f), f + " bound before the plan is shared: " + q);
        }
    }

    @Test
    void aPlanWithCallIsNotKept() {
        String q = "SELECT ?x WHERE { ?s ?p ?x FILTER(CALL(fn:contains, ?x, 'a')) }";
        Plans plans = new Plans();
        Plans.Key key = new Plans.Key(q, -1);
        plans.keep(key, inputs, inputs, plan(q), null, new Context());
        assertNull(plans.get(key, inputs));
    }

    @Test
    void aPlanIsKeptOnlyForTheInputsItWasMadeFrom() {
        String q = "SELECT ?x WHERE { ?s ?p ?x }";
        Plans plans = new Plans();
        Plans.Key key = new Plans.Key(q, -1);
        var other = new MemberCatalog.PlanInputs(List.of(), List.of(new MemberCatalog.MemberInputs(java.util.Map.of("urn:p", 1L), null, 1, null, null, null)));
        plans.keep(key, inputs, other, plan(q), null, new Context());
        assertNull(plans.get(key, inputs), "statistics changed while it was planned: not kept");
        plans.keep(key, inputs, inputs, plan(q), null, new Context());
        assertNull(plans.get(key, other), "asked with other inputs");
        assertNotNull(plans.get(key, inputs), "still kept for its own: the next plan made for the text replaces it");
        Op next = plan(q);
        plans.keep(key, other, other, next, null, new Context());
        assertSame(next, plans.get(key, other).plan());
        assertNull(plans.get(key, inputs), "replaced");
    }
}
