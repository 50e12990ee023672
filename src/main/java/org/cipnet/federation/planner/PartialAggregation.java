package org.cipnet.federation.planner;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.expr.E_Conditional;
import org.apache.jena.sparql.expr.E_Divide;
import org.apache.jena.sparql.expr.E_Equals;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.AggAvg;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.sparql.expr.aggregate.AggCountDistinct;
import org.apache.jena.sparql.expr.aggregate.AggCountVar;
import org.apache.jena.sparql.expr.aggregate.AggCountVarDistinct;
import org.apache.jena.sparql.expr.aggregate.AggMax;
import org.apache.jena.sparql.expr.aggregate.AggMin;
import org.apache.jena.sparql.expr.aggregate.AggSum;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.expr.aggregate.AggregatorFactory;

/**
 * Decomposable aggregates over one star: each member computes COUNT, SUM, MIN, MAX (and SUM and
 * COUNT for AVG) per group, and the federator combines the partial rows (sum of counts, min of
 * minima, sum/count for averages). Exact because a star's solutions are partitioned across members;
 * COUNT(DISTINCT) is pushed only for the star's subject, which no two members share.
 */
final class PartialAggregation {
    private PartialAggregation() {}

    /** The rewritten group, or null when this group cannot be decomposed. */
    static Op rewrite(OpGroup group, Op sub) {
        Star star = groupedStar(group, sub);
        if (star == null) return null;
        VarExprList groupVars = group.getGroupVars();
        for (Var v : star.vars()) if (!RequestText.plain(v.getVarName())) return null;
        for (Var v : groupVars.getVars()) if (!RequestText.plain(v.getVarName())) return null;

        List<ExprAggregator> inner = new ArrayList<>();
        List<ExprAggregator> outer = new ArrayList<>();
        VarExprList averages = new VarExprList();
        int n = 0;
        for (ExprAggregator ea : group.getAggregators()) {
            Aggregator a = ea.getAggregator();
            Var out = ea.getVar();
            if (a instanceof AggCount || a instanceof AggCountVar || a instanceof AggSum) {
                Var p = Var.alloc("cipagg" + n++);
                inner.add(new ExprAggregator(p, a.copy(a.getExprList())));
                outer.add(new ExprAggregator(out, AggregatorFactory.createSum(false, new ExprVar(p))));
            } else if (a instanceof AggCountVarDistinct && a.getExprList().size() == 1 && a.getExprList().get(0).isVariable()
                    && star.subject().isVariable() && a.getExprList().get(0).asVar().equals(Var.alloc(star.subject()))) {
                Var p = Var.alloc("cipagg" + n++);
                inner.add(new ExprAggregator(p, a.copy(a.getExprList())));
                outer.add(new ExprAggregator(out, AggregatorFactory.createSum(false, new ExprVar(p))));
            } else if (a instanceof AggMin || a instanceof AggMax) {
                Var p = Var.alloc("cipagg" + n++);
                inner.add(new ExprAggregator(p, a.copy(a.getExprList())));
                Expr pe = new ExprVar(p);
                outer.add(new ExprAggregator(out, a instanceof AggMin ? AggregatorFactory.createMin(false, pe) : AggregatorFactory.createMax(false, pe)));
            } else if (a instanceof AggAvg && !(a.toString().contains("DISTINCT"))) {
                Expr x = a.getExprList().get(0);
                Var ps = Var.alloc("cipagg" + n++), pc = Var.alloc("cipagg" + n++);
                inner.add(new ExprAggregator(ps, AggregatorFactory.createSum(false, x)));
                inner.add(new ExprAggregator(pc, AggregatorFactory.createCountExpr(false, x)));
                Var s = Var.alloc(out.getVarName() + "sum"), c = Var.alloc(out.getVarName() + "count");
                outer.add(new ExprAggregator(s, AggregatorFactory.createSum(false, new ExprVar(ps))));
                outer.add(new ExprAggregator(c, AggregatorFactory.createSum(false, new ExprVar(pc))));
                averages.add(out, new E_Conditional(new E_Equals(new ExprVar(c), NodeValue.makeInteger(0)), NodeValue.makeInteger(0),
                        new E_Divide(new ExprVar(s), new ExprVar(c))));
            } else {
                return null; // SAMPLE, GROUP_CONCAT, DISTINCT sums …: not decomposable
            }
        }
        if (group.getAggregators().stream().anyMatch(ea -> ea.getAggregator() instanceof AggCountDistinct)) return null;
        Op partial = new OpService(Markers.AGGREGATE, OpGroup.create(((OpService) sub).getSubOp(), groupVars, inner), false);
        Op combined = OpGroup.create(partial, groupVars, outer);
        return averages.isEmpty() ? combined : OpExtend.create(combined, averages);
    }

    /**
     * The pushed-down star a group runs over, when the group could run at the members: a plain star
     * (no top-k, no DISTINCT projection) grouped by variables only — GROUP BY (expr AS ?v) stays at
     * the federator.
     */
    private static Star groupedStar(OpGroup group, Op sub) {
        if (!(sub instanceof OpService svc) || !Markers.STAR.equals(svc.getService())) return null;
        Star star = Star.of(svc.getSubOp());
        if (star == null || !star.plain() || !group.getGroupVars().getExprs().isEmpty()) return null;
        return star;
    }

    /**
     * Aggregates that only see distinct values (COUNT/SUM/AVG/GROUP_CONCAT DISTINCT, MIN, MAX,
     * SAMPLE) over one star: each member answers the DISTINCT projection on the group keys and the
     * aggregated variables, the federator aggregates the union. Exact: dropping duplicate rows
     * within a member, or keeping them across members, changes none of these aggregates.
     */
    static Op distinctRows(OpGroup group, Op sub) {
        Star star = groupedStar(group, sub);
        if (star == null || group.getAggregators().isEmpty()) return null;
        OpService svc = (OpService) sub;
        VarExprList groupVars = group.getGroupVars();
        java.util.Set<Var> keep = new java.util.LinkedHashSet<>(groupVars.getVars());
        for (ExprAggregator ea : group.getAggregators()) {
            Aggregator a = ea.getAggregator();
            boolean distinctOnly = a instanceof AggCountVarDistinct || a instanceof AggMin || a instanceof AggMax
                    || a instanceof org.apache.jena.sparql.expr.aggregate.AggMinDistinct || a instanceof org.apache.jena.sparql.expr.aggregate.AggMaxDistinct
                    || a instanceof org.apache.jena.sparql.expr.aggregate.AggSumDistinct || a instanceof org.apache.jena.sparql.expr.aggregate.AggAvgDistinct
                    || a instanceof org.apache.jena.sparql.expr.aggregate.AggGroupConcatDistinct || a instanceof org.apache.jena.sparql.expr.aggregate.AggSample
                    || a instanceof org.apache.jena.sparql.expr.aggregate.AggSampleDistinct;
            if (!distinctOnly || a.getExprList() == null) return null;
            for (Expr x : a.getExprList()) keep.addAll(x.getVarsMentioned());
        }
        if (keep.stream().anyMatch(v -> !RequestText.plain(v.getVarName())) || !star.vars().containsAll(keep)) return null;
        List<Var> vars = new ArrayList<>(keep);
        Op pushed = new OpService(Markers.STAR,
                new org.apache.jena.sparql.algebra.op.OpDistinct(new org.apache.jena.sparql.algebra.op.OpProject(svc.getSubOp(), vars)), false);
        return OpGroup.create(pushed, groupVars, group.getAggregators());
    }
}
