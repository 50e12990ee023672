package org.cipnet.federation.planner;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.op.OpTopN;

/**
 * ORDER BY + LIMIT over one star: each member returns its own top k, the federator keeps the top
 * k of their union — the same rows as the top k of everything.
 */
final class PushTopN implements Step {
    @Override
    public Op topN(OpTopN top, Op sub) {
        Op inner = sub instanceof OpProject p ? p.getSubOp() : sub;
        if (!(StarOps.isStar(inner) && !(((OpService) inner).getSubOp() instanceof OpTopN)
                && top.getConditions().stream().allMatch(c -> RequestText.pushable(c.getExpression())))) return null;
        Op pushed = new OpService(Markers.STAR, new OpTopN(((OpService) inner).getSubOp(), top.getLimit(), top.getConditions()), false);
        Op rebuilt = sub instanceof OpProject p ? new OpProject(pushed, p.getVars()) : pushed;
        return new OpTopN(rebuilt, top.getLimit(), top.getConditions());
    }
}
