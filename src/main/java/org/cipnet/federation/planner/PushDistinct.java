package org.cipnet.federation.planner;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVars;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpService;

/**
 * SELECT DISTINCT over one star: each member answers DISTINCT already (the distinct rows of a
 * union are the distinct rows of the members' distinct rows), the federator removes the rest.
 */
final class PushDistinct implements Step {
    @Override
    public Op distinct(OpDistinct distinct, Op sub) {
        if (!(sub instanceof OpProject project && StarOps.isStar(project.getSubOp()))) return null;
        OpService service = (OpService) project.getSubOp();
        Star star = Star.of(service.getSubOp());
        if (star == null || !star.plain() || !project.getVars().stream().allMatch(v -> RequestText.plain(v.getVarName()))
                || !OpVars.visibleVars(service.getSubOp()).containsAll(project.getVars())) return null;
        Op inner = new OpDistinct(new OpProject(service.getSubOp(), project.getVars()));
        return new OpDistinct(new OpProject(new OpService(Markers.STAR, inner, false), project.getVars()));
    }
}
