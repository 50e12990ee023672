package org.cipnet.http;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.server.CounterName;
import org.apache.jena.fuseki.servlets.ActionExecLib;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQLProtocol;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;

/**
 * Fuseki's query step (parse, check, read transaction, dataset, run, write), with Fuseki's answers
 * to a bad query, but without its two log texts on every request: Fuseki formats the request text
 * and prints the parsed query whole for its action log whatever the log level. That was 5–8% of
 * the CPU of a small query at the federator and at a node (JFR, 2026-12-07); cipnet's loggers keep
 * Fuseki's action log at WARN. The line is written only when that log is at INFO, and the hooks
 * that took the printed query ({@link #decideDataset}, {@link #executeQuery}) get the request's
 * text: what they read in it are keywords, which SPARQL text cannot escape. Answers negotiated to
 * SPARQL JSON are written by {@link JsonResults}; every other format by Fuseki.
 */
public abstract class QuietQueryDataset extends SPARQL_QueryDataset {
    /** Base IRI of a query that declares none: the one Fuseki's own query step uses. */
    private static final String QUERY_BASE = "http://server/unset-base/";

    private final ParsedQueries parsed = new ParsedQueries(QUERY_BASE);

    /** Refusals of a parsed query before it runs, by an error status; {@code text} is the request's. */
    protected abstract void check(HttpAction action, Query query, String text);

    @Override
    protected final void execute(String queryString, HttpAction action) {
        if (queryString.isEmpty()) ServletOps.errorBadRequest("Error: Empty query string");
        if (queryString.isBlank()) ServletOps.errorBadRequest("Error: Blank query string");
        if (action.log.isInfoEnabled()) action.log.info("[{}] Query = {}", action.id, ServletOps.formatForLog(queryString));
        Query query;
        try {
            query = parsed.parse(queryString);
            check(action, query, queryString);
        } catch (QueryParseException e) {
            String message = SPARQLProtocol.messageForParseException(e);
            action.log.warn("[{}] {}", action.id, message);
            ServletOps.errorBadRequest(message);
            return;
        } catch (QueryException e) {
            String message = SPARQLProtocol.messageForException(e);
            action.log.warn("[{}] {}", action.id, message);
            ServletOps.errorBadRequest("Error: \n" + queryString + "\n" + message);
            return;
        }
        action.beginRead();
        try {
            Pair<DatasetGraph, Query> p = decideDataset(action, query, queryString);
            Query q = p.getRight() == null ? query : p.getRight();
            try (QueryExec exec = createQueryExec(action, q, p.getLeft())) {
                sendResults(action, executeQuery(action, exec, q, queryString), q.getPrologue());
            }
        } catch (QueryParseException e) {
            // A query built while answering (a federator's member request) that does not parse.
            action.abortSilent();
            ServletOps.errorBadRequest("Query parse error: \n" + queryString + "\n" + SPARQLProtocol.messageForException(e));
        } catch (QueryCancelledException e) {
            action.abortSilent();
            ActionExecLib.incCounter(action.getEndpoint().getCounters(), CounterName.QueryTimeouts);
            throw e;
        } finally {
            action.endRead();
        }
    }

    /**
     * A SELECT or ASK answer to a request that negotiates SPARQL JSON through {@code Accept} alone
     * goes out through {@link JsonResults}, with the headers Fuseki sets; the request parameters
     * that change Fuseki's output ({@code output}, {@code format}, {@code results}, {@code callback},
     * {@code stylesheet}, {@code force-accept}) and every other format stay Fuseki's.
     */
    @Override
    protected void sendResults(HttpAction action, QueryExecResult result, Prologue prologue) {
        if (result == null || !(result.isRowSet() || result.isBoolean()) || !negotiatesJson(action, result.isRowSet())) {
            super.sendResults(action, result, prologue);
            return;
        }
        action.setResponseContentType(org.apache.jena.riot.WebContent.contentTypeResultsJSON);
        action.setResponseCharacterEncoding(org.apache.jena.riot.WebContent.charsetUTF8);
        ServletOps.setNoCache(action);
        ServletOps.success(action);
        try {
            var out = action.getResponseOutputStream();
            if (result.isRowSet()) JsonResults.write(out, result.rowSet(), action.getContext(), java.util.List.of());
            else JsonResults.write(out, result.booleanResult());
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final java.util.List<String> OUTPUT_PARAMETERS = java.util.List.of("output", "format", "results", "callback", "stylesheet", "force-accept");

    private static boolean negotiatesJson(HttpAction action, boolean rows) {
        var request = action.getRequest();
        for (String p : OUTPUT_PARAMETERS) if (request.getParameter(p) != null) return false;
        var chosen = org.apache.jena.fuseki.system.ConNeg.chooseContentType(request,
                rows ? org.apache.jena.fuseki.DEF.rsOfferTable : org.apache.jena.fuseki.DEF.rsOfferBoolean, org.apache.jena.fuseki.DEF.acceptResultSetXML);
        return chosen != null && org.apache.jena.riot.WebContent.contentTypeResultsJSON.equals(chosen.getContentTypeStr());
    }
}
