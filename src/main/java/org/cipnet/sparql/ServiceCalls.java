package org.cipnet.sparql;

import java.util.List;
import java.util.Locale;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.op.OpService;

/**
 * Finds every {@code SERVICE} a query would call, including those inside subqueries and inside
 * {@code EXISTS}/{@code NOT EXISTS}, before anything runs, so that a refusal sends no request.
 */
public final class ServiceCalls {
    private ServiceCalls() {}

    /**
     * The service endpoints (IRIs, or variables for {@code SERVICE ?x}) in query order, of a query
     * parsed from {@code text}. SERVICE is a keyword, which SPARQL text cannot escape, so a text that
     * does not name it calls nothing, and only one that does is compiled to look (for a small query,
     * compiling costs about a tenth of answering it).
     */
    public static List<Node> targets(Query query, String text) {
        if (!text.toLowerCase(Locale.ROOT).contains("service")) return List.of();
        return QueryOps.all(query).stream().filter(OpService.class::isInstance).map(op -> ((OpService) op).getService()).toList();
    }
}
