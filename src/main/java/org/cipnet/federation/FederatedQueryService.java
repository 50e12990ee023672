package org.cipnet.federation;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Node;
import org.apache.jena.fuseki.server.CounterName;
import org.apache.jena.fuseki.servlets.ActionExecLib;
import org.apache.jena.fuseki.servlets.SPARQLProtocol;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.cipnet.federation.exec.FederatedDataset;
import org.cipnet.federation.exec.MemberFailure;
import org.cipnet.federation.exec.QueryTrace;
import org.cipnet.federation.members.MemberCatalog;
import org.cipnet.sparql.CancellableRegex;
import org.cipnet.sparql.ResultCap;
import org.cipnet.sparql.ServiceCalls;

/**
 * Fuseki's query operation at the federator: refuses SERVICE to anything but a member before any
 * request leaves, caps results, runs strict (a failing member fails the query, named) or partial
 * (the others' answer, with the missing members in {@code X-Cipnet-Missing-Members}), and answers
 * {@code ?explain=true} with the plan and what each member did.
 */
final class FederatedQueryService extends SPARQL_QueryDataset {
    static final String MISSING_HEADER = "X-Cipnet-Missing-Members";
    static final String TRACE_ATTRIBUTE = "cipnet.trace";
    private static final String LINK_ATTRIBUTE = "cipnet.statusLink";
    private static final String CAPPED_ATTRIBUTE = "cipnet.capped";

    private static String statusUrl(HttpAction action, String id) {
        var req = action.getRequest();
        return req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + "/status/" + id;
    }

    /** The base IRI Fuseki parses queries against: relative IRIs resolve as they would at a plain Fuseki. */
    private static final String QUERY_BASE = "http://server/unset-base/";

    private final MemberCatalog catalog;
    private final FederatorConfig config;
    private final StatusDocuments status;

    FederatedQueryService(MemberCatalog catalog, FederatorConfig config, StatusDocuments status) {
        this.catalog = catalog;
        this.config = config;
        this.status = status;
    }

    @Override
    protected Collection<String> customParams() {
        return List.of("explain", "partial");
    }

    /**
     * Fuseki's own version of this step formats two log texts for every query whatever the log
     * level (the request text through {@code String.format}, and the parsed query printed whole),
     * which for a catalogue query cost the federator about as much as planning it. Here the log
     * line is built only when Fuseki's action log is on, and the request text stands for the query
     * where Fuseki passed its printed form on ({@link #decideDataset} reads it only as a hint).
     */
    @Override
    protected void execute(String queryString, HttpAction action) {
        if (queryString.isBlank()) ServletOps.errorBadRequest(queryString.isEmpty() ? "Error: Empty query string" : "Error: Blank query string");
        if (action.log.isInfoEnabled()) action.log.info("[{}] Query = {}", action.id, ServletOps.formatForLog(queryString));
        Query query;
        try {
            query = QueryFactory.create(queryString, QUERY_BASE, Syntax.syntaxARQ);
            refuseForeignServices(query, queryString);
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
            try (QueryExec qExec = createQueryExec(action, q, p.getLeft())) {
                sendResults(action, executeQuery(action, qExec, q, queryString), q.getPrologue());
            }
        } catch (QueryParseException e) {
            // A query built while answering (a member's subquery) that does not parse.
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

    /** Refuses SERVICE to anything but a member, before any request leaves. */
    private void refuseForeignServices(Query query, String queryString) {
        for (Node s : ServiceCalls.targets(query, queryString)) {
            if (s.isVariable())
                ServletOps.errorBadRequest("SERVICE " + s + " refused: the federator calls only its members, and a variable endpoint could name anything");
            if (catalog.members().stream().noneMatch(m -> m.sparql().equals(s.getURI())))
                ServletOps.errorBadRequest("SERVICE <" + s.getURI() + "> refused: the federator calls only its members ("
                        + catalog.members().stream().map(m -> m.sparql()).collect(Collectors.joining(", ")) + ")");
        }
    }

    /**
     * The federator's result cap never cuts an answer silently: a query that could return more rows
     * than the cap (no LIMIT of its own, or a larger one) is asked for one row more, and if that row
     * comes the query fails (422) instead of answering cut. Such answers are computed whole before
     * answering, so the error is an error status, not a cut response.
     */
    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        CancellableRegex.unwatchedFold(query, queryStringLog).ifPresent(ServletOps::errorBadRequest);
        Pair<DatasetGraph, Query> p = super.decideDataset(action, query, queryStringLog);
        action.setResponseHeader(ResultCap.HEADER, Long.toString(config.resultCap()));
        QueryTrace trace = new QueryTrace(partial(action), config.timeoutMillis(), config.maxMemberRequests());
        action.getRequest().setAttribute(TRACE_ATTRIBUTE, trace);
        Query q = p.getRight();
        long cap = config.resultCap();
        if (ResultCap.exceeds(q, cap)) {
            trace.rowCap(cap);
            action.getRequest().setAttribute(CAPPED_ATTRIBUTE, true);
            ResultCap.apply(q, cap + 1);
        }
        return p;
    }

    private boolean partial(HttpAction action) {
        String p = action.getRequestParameter("partial");
        return p == null ? config.partialDefault() : p.equalsIgnoreCase("true") || p.equals("1");
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        QueryTrace trace = (QueryTrace) action.getRequest().getAttribute(TRACE_ATTRIBUTE);
        QueryExec qe = super.createQueryExec(action, query, ((FederatedDataset) dataset).forQuery(trace));
        qe.getContext().set(QueryTrace.SYMBOL, trace);
        return qe;
    }

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec qExec, Query query, String queryStringLog) {
        QueryTrace trace = (QueryTrace) action.getRequest().getAttribute(TRACE_ATTRIBUTE);
        long t0 = System.nanoTime();
        QueryExecResult result;
        try {
            result = super.executeQuery(action, qExec, query, queryStringLog);
            if (result.isRowSet()) {
                if (trace.partial() || "true".equalsIgnoreCase(action.getRequestParameter("explain"))
                        || action.getRequest().getAttribute(CAPPED_ATTRIBUTE) != null) {
                    // Partial answers name their missing members in headers: all members must have answered first.
                    // An answer the result cap may cut is counted whole first, so that exceeding the cap is an error status.
                    result = new QueryExecResult(org.apache.jena.sparql.exec.RowSetMem.create(result.rowSet()));
                } else {
                    // Strict answers stream. The first row is computed here, while the status can still say
                    // which member failed: a star's first block asks every relevant member at once.
                    var rows = result.rowSet();
                    rows.hasNext();
                    result = new QueryExecResult(rows);
                }
            }
        } catch (RuntimeException e) {
            // The query's own abort reason first: ARQ may report it as a cancellation, or wrapped.
            RuntimeException why = trace.abortReason().orElse(e);
            if (why instanceof MemberFailure mf || why.getCause() instanceof MemberFailure) {
                MemberFailure mf = why instanceof MemberFailure f ? f : (MemberFailure) why.getCause();
                trace.failed(mf);
                ServletOps.error(502, mf.getMessage() + " (strict mode; add partial=true to get the other members' answer)");
                return null;
            }
            if (why instanceof QueryTrace.LimitExceeded limit) {
                ServletOps.error(422, limit.getMessage());
                return null;
            }
            throw e;
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (!trace.failures().isEmpty()) {
            String link = statusUrl(action, status.record(trace.failures()));
            action.getRequest().setAttribute(LINK_ATTRIBUTE, link);
            action.setResponseHeader(MISSING_HEADER, trace.failures().stream().map(QueryTrace.Failure::member).collect(Collectors.joining(",")));
            action.setResponseHeader("Link", "<" + link + ">; rel=\"describedby\"");
        }
        if ("true".equalsIgnoreCase(action.getRequestParameter("explain"))) {
            ExplainWriter.respond(action, result, trace, millis);
            return null;
        }
        return result;
    }

    @Override
    protected void sendResults(HttpAction action, QueryExecResult result, Prologue qPrologue) {
        if (result == null) return; // explain answered already
        String link = (String) action.getRequest().getAttribute(LINK_ATTRIBUTE);
        String accept = action.getRequestHeader("Accept");
        if (link != null && result.isRowSet() && accept != null && accept.contains("json")) {
            PartialJson.write(action, result.rowSet(), link);
            return;
        }
        super.sendResults(action, result, qPrologue);
    }
}
