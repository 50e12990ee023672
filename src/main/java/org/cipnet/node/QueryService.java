package org.cipnet.node;

import java.util.List;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.util.FmtUtils;
import org.cipnet.http.QuietQueryDataset;
import org.cipnet.sparql.ResultCap;
import org.cipnet.sparql.ServiceCalls;

/**
 * Fuseki's query operation with the node's limits: {@code SERVICE} is refused before anything
 * runs (a node makes no outbound requests), and a result cap becomes the query's LIMIT (and, for
 * CONSTRUCT and DESCRIBE, the most triples sent), stated in the {@code X-Cipnet-Result-Cap} response header. Only the national (default) graph and the
 * reference graph are public, as the service description says ({@link PublicGraphs} decides what
 * a query sees), and a dataset description may name no other graph.
 */
final class QueryService extends QuietQueryDataset {
    private final long resultCap;

    QueryService(long resultCap) {
        this.resultCap = resultCap;
    }

    @Override
    protected void check(HttpAction action, Query query, String text) {
        for (String g : datasetDescription(action, query))
            if (!PublicGraphs.isPublic(org.apache.jena.graph.NodeFactory.createURI(g)))
                ServletOps.errorBadRequest("<" + g + "> is not a public graph of this endpoint: query the default graph (the national data)"
                        + " or <" + GraphNames.REFERENCE.getURI() + "> (the shared vocabularies)");
        var services = ServiceCalls.targets(query, text);
        if (!services.isEmpty())
            ServletOps.errorBadRequest("SERVICE is disabled on this endpoint: a national node makes no outbound requests"
                    + " (the query calls SERVICE " + FmtUtils.stringForNode(services.get(0)) + "). Query the federator to join across members.");
    }

    private static List<String> datasetDescription(HttpAction action, Query query) {
        List<String> graphs = new java.util.ArrayList<>(query.getGraphURIs());
        graphs.addAll(query.getNamedGraphURIs());
        for (String param : new String[] {"default-graph-uri", "named-graph-uri"}) {
            String[] values = action.getRequestParameterValues(param);
            if (values != null) graphs.addAll(List.of(values));
        }
        return graphs;
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        DatasetGraph visible = PublicGraphs.datasetFor(query, dataset);
        QueryExec exec = super.createQueryExec(action, query, visible);
        PublicGraphs.filter(visible, exec);
        return new org.cipnet.sparql.CappedQueryExec(exec, resultCap);
    }

    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        org.cipnet.sparql.CancellableRegex.unwatchedFold(query, queryStringLog).ifPresent(ServletOps::errorBadRequest);
        Pair<DatasetGraph, Query> p = super.decideDataset(action, query, queryStringLog);
        action.setResponseHeader(ResultCap.HEADER, Long.toString(resultCap));
        ResultCap.apply(p.getRight(), resultCap);
        // The request's text: the regex check reads it for the keywords REGEX and REPLACE.
        return Pair.create(p.getLeft(), org.cipnet.sparql.CancellableRegex.apply(p.getRight(), queryStringLog));
    }
}
