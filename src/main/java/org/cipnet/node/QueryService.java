package org.cipnet.node;

import java.util.List;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.server.CounterName;
import org.apache.jena.fuseki.servlets.ActionErrorException;
import org.apache.jena.fuseki.servlets.ActionExecLib;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQLProtocol;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.util.FmtUtils;
import org.cipnet.sparql.ResultCap;
import org.cipnet.sparql.ServiceCalls;

/**
 * Fuseki's query operation with the node's limits: {@code SERVICE} is refused before anything
 * runs (a node makes no outbound requests), and a result cap becomes the query's LIMIT (and, for
 * CONSTRUCT and DESCRIBE, the most triples sent), stated in the {@code X-Cipnet-Result-Cap} response header. Only the national (default) graph and the
 * reference graph are public, as the service description says ({@link PublicGraphs} decides what
 * a query sees), and a dataset description may name no other graph.
 */
final class QueryService extends SPARQL_QueryDataset {
    private final long resultCap;

    QueryService(long resultCap) {
        this.resultCap = resultCap;
    }

    @Override
    protected void validateQuery(HttpAction action, Query query) {
        super.validateQuery(action, query);
        for (String g : datasetDescription(action, query))
            if (!PublicGraphs.isPublic(org.apache.jena.graph.NodeFactory.createURI(g)))
                ServletOps.errorBadRequest("<" + g + "> is not a public graph of this endpoint: query the default graph (the national data)"
                        + " or <" + GraphNames.REFERENCE.getURI() + "> (the shared vocabularies)");
        var services = ServiceCalls.targets(query);
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

    /**
     * Fuseki's own step here also prints the parsed query whole for its action log, on every request
     * and whatever the log level: about a tenth of a node's CPU for a federator's small member request.
     * This one keeps the steps (parse, check, read transaction, dataset, run, write) and their answers,
     * and prints the query only when the text checks of {@link #decideDataset} need it.
     */
    @Override
    protected void execute(String queryString, HttpAction action) {
        if (queryString.isEmpty()) ServletOps.errorBadRequest("Error: Empty query string");
        if (queryString.isBlank()) ServletOps.errorBadRequest("Error: Blank query string");
        Query query = null;
        try {
            query = QueryFactory.create(queryString, QUERY_BASE, Syntax.syntaxARQ);
            validateQuery(action, query);
        } catch (ActionErrorException e) {
            throw e;
        } catch (QueryParseException e) {
            ServletOps.errorBadRequest(SPARQLProtocol.messageForParseException(e));
        } catch (QueryException e) {
            ServletOps.errorBadRequest(queryString + "\n" + SPARQLProtocol.messageForException(e));
        }
        action.beginRead();
        try {
            Pair<DatasetGraph, Query> p = decideDataset(action, query, textForChecks(queryString, query));
            Query q = p.getRight() == null ? query : p.getRight();
            try (QueryExec exec = createQueryExec(action, q, p.getLeft())) {
                sendResults(action, executeQuery(action, exec, query, queryString), query.getPrologue());
            }
        } catch (QueryParseException e) {
            action.abortSilent();
            ServletOps.errorBadRequest("Parse error: \n" + queryString + "\n" + SPARQLProtocol.messageForException(e));
        } catch (QueryCancelledException e) {
            action.abortSilent();
            ActionExecLib.incCounter(action.getEndpoint().getCounters(), CounterName.QueryTimeouts);
            throw e;
        } finally {
            action.endRead();
        }
    }

    /** Base IRI for relative IRIs in a query that declares none: the one Fuseki's own query step uses. */
    private static final String QUERY_BASE = "http://server/unset-base/";

    /**
     * The text {@link #decideDataset}'s keyword checks read: the query as sent, unless it names one of
     * their keywords or has a backslash (an escape could spell one); then the parsed query printed, as
     * Fuseki's log text was. Without either, the printed query names no keyword either.
     */
    private static String textForChecks(String queryString, Query query) {
        String s = queryString.toLowerCase(java.util.Locale.ROOT);
        boolean plain = s.indexOf('\\') < 0 && !s.contains("fold") && !s.contains("regex") && !s.contains("replace");
        return plain ? queryString : query.toString();
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
        // The text is the one textForChecks chose: what the regex checks read.
        return Pair.create(p.getLeft(), org.cipnet.sparql.CancellableRegex.apply(p.getRight(), queryStringLog));
    }
}
