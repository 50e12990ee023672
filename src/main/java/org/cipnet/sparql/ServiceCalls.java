package org.cipnet.sparql;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;

/**
 * Finds every {@code SERVICE} a query would call, including those inside subqueries and inside
 * {@code EXISTS}/{@code NOT EXISTS}, before anything runs, so that a refusal sends no request.
 */
public final class ServiceCalls {
    private ServiceCalls() {}

    /** The service endpoints (IRIs, or variables for {@code SERVICE ?x}) in query order. */
    public static List<Node> targets(Query query) {
        List<Node> out = new ArrayList<>();
        collect(Algebra.compile(query), out);
        return out;
    }

    private static void collect(Op op, List<Node> out) {
        OpWalker.walk(op, new OpVisitorBase() {
            @Override
            public void visit(OpService s) { out.add(s.getService()); }

            @Override
            public void visit(OpFilter f) { f.getExprs().forEach(e -> exprs(e, out)); }

            @Override
            public void visit(OpLeftJoin lj) { if (lj.getExprs() != null) lj.getExprs().forEach(e -> exprs(e, out)); }

            @Override
            public void visit(OpExtend e) { e.getVarExprList().getExprs().values().forEach(x -> exprs(x, out)); }

            @Override
            public void visit(OpOrder o) { o.getConditions().forEach(c -> exprs(c.getExpression(), out)); }
        });
    }

    private static void exprs(Expr e, List<Node> out) {
        if (e instanceof ExprFunctionOp f) collect(f.getGraphPattern(), out);
        if (e instanceof ExprFunction fn) fn.getArgs().forEach(a -> exprs(a, out));
    }
}
