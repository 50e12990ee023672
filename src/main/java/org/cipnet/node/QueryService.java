package org.cipnet.node;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.util.FmtUtils;
import org.cipnet.sparql.ResultCap;
import org.cipnet.sparql.ServiceCalls;

/**
 * Fuseki's query operation with the node's limits: {@code SERVICE} is refused before anything
 * runs (a node makes no outbound requests), and a result cap becomes the query's LIMIT, stated in
 * the {@code X-Cipnet-Result-Cap} response header.
 */
final class QueryService extends SPARQL_QueryDataset {
    private final long resultCap;

    QueryService(long resultCap) {
        this.resultCap = resultCap;
    }

    @Override
    protected void validateQuery(HttpAction action, Query query) {
        super.validateQuery(action, query);
        var services = ServiceCalls.targets(query);
        if (!services.isEmpty())
            ServletOps.errorBadRequest("SERVICE is disabled on this endpoint: a national node makes no outbound requests"
                    + " (the query calls SERVICE " + FmtUtils.stringForNode(services.get(0)) + "). Query the federator to join across members.");
    }

    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        Pair<DatasetGraph, Query> p = super.decideDataset(action, query, queryStringLog);
        action.setResponseHeader(ResultCap.HEADER, Long.toString(resultCap));
        return Pair.create(p.getLeft(), ResultCap.apply(p.getRight(), resultCap));
    }
}
