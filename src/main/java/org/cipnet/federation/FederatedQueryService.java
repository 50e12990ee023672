package org.cipnet.federation;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.cipnet.federation.exec.FederatedDataset;
import org.cipnet.federation.exec.MemberFailure;
import org.cipnet.federation.exec.QueryTrace;
import org.cipnet.federation.members.MemberCatalog;
import org.cipnet.http.QuietQueryDataset;
import org.cipnet.sparql.CancellableRegex;
import org.cipnet.sparql.ResultCap;
import org.cipnet.sparql.ServiceCalls;

/**
 * Fuseki's query operation at the federator: refuses SERVICE to anything but a member before any
 * request leaves, caps results, runs strict (a failing member fails the query, named) or partial
 * (the others' answer, with the missing members in {@code X-Cipnet-Missing-Members}), and answers
 * {@code ?explain=true} with the plan and what each member did.
 */
final class FederatedQueryService extends QuietQueryDataset {
    static final String MISSING_HEADER = "X-Cipnet-Missing-Members";
    static final String TRACE_ATTRIBUTE = "cipnet.trace";
    private static final String LINK_ATTRIBUTE = "cipnet.statusLink";
    private static final String CAPPED_ATTRIBUTE = "cipnet.capped";

    private static String statusUrl(HttpAction action, String id) {
        var req = action.getRequest();
        return req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + "/status/" + id;
    }

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
     * Refuses SERVICE before any request leaves. To anything but a member it would make the federator
     * a proxy; to a member it is not needed (the members are the dataset already, and each part of
     * the query goes to the members that hold it) and would bypass strict and partial mode.
     */
    @Override
    protected void check(HttpAction action, Query query, String queryString) {
        for (Node s : ServiceCalls.targets(query, queryString)) {
            if (s.isVariable())
                ServletOps.errorBadRequest("SERVICE " + s + " refused: the federator calls only its members, and a variable endpoint could name anything");
            var member = catalog.members().stream().filter(m -> m.sparql().equals(s.getURI())).findFirst();
            if (member.isPresent())
                ServletOps.errorBadRequest("SERVICE <" + s.getURI() + "> refused: member " + member.get().id()
                        + " is part of the federated dataset already; write the pattern without SERVICE and the federator asks the members that hold it");
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
        if (!(p.getLeft() instanceof FederatedDataset))
            ServletOps.errorBadRequest("FROM, FROM NAMED, default-graph-uri and named-graph-uri are not supported here: the federator's dataset "
                    + "is the federation as one default graph (every member's graph and the reference graph); write the query without them");
        action.setResponseHeader(ResultCap.HEADER, Long.toString(config.resultCap()));
        QueryTrace trace = new QueryTrace(partial(action), config.timeoutMillis(), config.maxMemberRequests());
        trace.text(queryStringLog);
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
        return config.partial(action.getRequestParameter("partial"));
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
