package org.cipnet.federation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.apache.jena.sparql.sse.SSE;
import org.cipnet.federation.exec.MemberStats;
import org.cipnet.federation.exec.QueryTrace;
import org.cipnet.federation.members.MemberCatalog;
import org.cipnet.federation.planner.FederationTransform;
import org.cipnet.vocab.Prefixes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The answer to {@code ?explain=true}: the plan, and after running it, what each member did. */
final class ExplainWriter {
    private ExplainWriter() {}

    static Map<String, Object> explain(Query query, MemberCatalog catalog, QueryTrace trace, long millis, long rows) {
        Op plan = trace.plan() != null ? trace.plan() : org.apache.jena.sparql.algebra.op.OpNull.create();
        List<String> stars = new ArrayList<>();
        OpWalker.walk(plan, new OpVisitorBase() {
            @Override
            public void visit(OpService s) {
                if (FederationTransform.STAR.equals(s.getService()) || FederationTransform.OPTIONAL_STAR.equals(s.getService()))
                    stars.add(sse(s.getSubOp()));
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plan", sse(plan));
        out.put("pushedDown", stars);
        out.put("millis", millis);
        out.put("rows", rows);
        out.put("requests", trace.totalRequests());
        Map<String, Object> members = new TreeMap<>();
        for (var e : trace.allStats().entrySet()) {
            MemberStats s = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", s.requests.get());
            m.put("rows", s.rows.get());
            m.put("bytes", s.bytes.get());
            m.put("millis", s.nanos.get() / 1_000_000);
            m.put("retries", s.retries.get());
            members.put(e.getKey(), m);
        }
        out.put("members", members);
        out.put("missing", trace.failures());
        out.put("requestsSent", trace.requests());
        return out;
    }

    /** SSE with only the prefixes the expression uses, so the plan is not buried under declarations. */
    static String sse(Op op) {
        String full = SSE.str(op);
        var used = new org.apache.jena.shared.impl.PrefixMappingImpl();
        Prefixes.mapping().getNsPrefixMap().forEach((p, ns) -> { if (full.contains("<" + ns)) used.setNsPrefix(p, ns); });
        return SSE.str(op, used).strip();
    }

    static String text(Map<String, Object> e) {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan (ARQ algebra after the federation transform; (service <urn:cipnet:star> …) is pushed down to members):\n");
        sb.append(indent((String) e.get("plan"))).append("\n\n");
        sb.append(String.format("Ran in %s ms: %s rows, %s requests to members%n%n", e.get("millis"), e.get("rows"), e.get("requests")));
        sb.append(String.format("%-10s %9s %9s %12s %9s %8s%n", "member", "requests", "rows", "bytes", "ms", "retries"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> members = (Map<String, Map<String, Object>>) e.get("members");
        members.forEach((id, m) -> sb.append(String.format("%-10s %9s %9s %12s %9s %8s%n", id, m.get("requests"), m.get("rows"),
                m.get("bytes"), m.get("millis"), m.get("retries"))));
        List<?> missing = (List<?>) e.get("missing");
        if (!missing.isEmpty()) sb.append("\nMissing members: ").append(missing).append('\n');
        sb.append("\nRequests sent:\n");
        for (Object r : (List<?>) e.get("requestsSent")) sb.append("  ").append(r).append('\n');
        return sb.toString();
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }

    static void respond(HttpAction action, Query query, QueryExec qe, QueryExecResult result, QueryTrace trace, long millis,
                        MemberCatalog catalog) {
        long rows = 0;
        if (result.isRowSet()) {
            RowSetRewindable rs = (RowSetRewindable) result.rowSet();
            while (rs.hasNext()) { rs.next(); rows++; }
        } else if (result.isGraph()) {
            rows = result.graph().size();
        } else if (result.isBoolean()) {
            rows = 1;
        }
        Map<String, Object> e = explain(query, catalog, trace, millis, rows);
        String accept = action.getRequestHeader("Accept");
        byte[] body;
        String type;
        try {
            if (accept != null && accept.contains("json")) {
                body = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(e);
                type = "application/json";
            } else {
                body = text(e).getBytes(StandardCharsets.UTF_8);
                type = "text/plain; charset=utf-8";
            }
            action.setResponseStatus(200);
            action.setResponseContentType(type);
            try (OutputStream out = action.getResponseOutputStream()) {
                out.write(body);
            }
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
