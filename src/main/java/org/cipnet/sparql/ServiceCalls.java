package org.cipnet.sparql;

import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.op.OpService;

/**
 * Finds every {@code SERVICE} a query would call, including those inside subqueries and inside
 * {@code EXISTS}/{@code NOT EXISTS}, before anything runs, so that a refusal sends no request.
 */
public final class ServiceCalls {
    private ServiceCalls() {}

    /** The service endpoints (IRIs, or variables for {@code SERVICE ?x}) in query order. */
    public static List<Node> targets(Query query) {
        return QueryOps.all(query).stream().filter(OpService.class::isInstance).map(op -> ((OpService) op).getService()).toList();
    }
}
