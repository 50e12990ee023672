package org.cipnet.sparql;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorByType;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.Op0;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.Op2;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpN;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;

/**
 * Every operator a query would evaluate, found before anything runs: the algebra of the query
 * itself, of its subqueries, and of the patterns inside {@code EXISTS}/{@code NOT EXISTS}.
 */
public final class QueryOps {
    private QueryOps() {}

    /** The operators of {@code query}'s algebra, in walk order, those inside expressions included. */
    public static List<Op> all(Query query) {
        List<Op> out = new ArrayList<>();
        collect(Algebra.compile(query), out, new ArrayList<>());
        return out;
    }

    /**
     * Every expression the query would evaluate, arguments included: in filters, BINDs, the
     * SELECT clause, ORDER BY, GROUP BY, HAVING, aggregates and inside {@code EXISTS} patterns.
     */
    public static List<Expr> expressions(Query query) {
        List<Expr> out = new ArrayList<>();
        collect(Algebra.compile(query), new ArrayList<>(), out);
        return out;
    }

    private static void collect(Op op, List<Op> out, List<Expr> found) {
        java.util.function.Consumer<Expr> exprs = e -> exprs(e, out, found);
        OpWalker.walk(op, new OpVisitorByType() {
            @Override protected void visitN(OpN op) { out.add(op); }
            @Override protected void visit2(Op2 op) { out.add(op); }
            @Override protected void visit1(Op1 op) { out.add(op); }
            @Override protected void visit0(Op0 op) { out.add(op); }
            @Override protected void visitExt(OpExt op) { out.add(op); }

            @Override
            protected void visitFilter(OpFilter f) {
                out.add(f);
                f.getExprs().forEach(exprs);
            }

            @Override
            protected void visitLeftJoin(OpLeftJoin lj) {
                out.add(lj);
                if (lj.getExprs() != null) lj.getExprs().forEach(exprs);
            }

            @Override
            public void visit(OpExtend e) {
                out.add(e);
                e.getVarExprList().getExprs().values().forEach(exprs);
            }

            @Override
            public void visit(OpGroup g) {
                out.add(g);
                g.getGroupVars().getExprs().values().forEach(exprs);
                g.getAggregators().forEach(a -> { if (a.getAggregator().getExprList() != null) a.getAggregator().getExprList().forEach(exprs); });
            }

            @Override
            public void visit(OpOrder o) {
                out.add(o);
                o.getConditions().forEach(c -> exprs.accept(c.getExpression()));
            }
        });
    }

    private static void exprs(Expr e, List<Op> out, List<Expr> found) {
        found.add(e);
        if (e instanceof ExprFunctionOp f) collect(f.getGraphPattern(), out, found);
        if (e instanceof ExprFunction fn) fn.getArgs().forEach(a -> exprs(a, out, found));
    }
}
