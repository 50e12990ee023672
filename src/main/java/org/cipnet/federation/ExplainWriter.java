package org.cipnet.federation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.apache.jena.sparql.sse.SSE;
import org.cipnet.federation.exec.MemberStats;
import org.cipnet.federation.exec.QueryTrace;
import org.cipnet.federation.planner.Markers;
import org.cipnet.vocab.Prefixes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The answer to {@code ?explain=true}: the plan, and after running it, what each member did. Made
 * once the query has run, as an {@link Explain} record read off the query's trace, then written as
 * JSON (the record as it is) or as text.
 */
final class ExplainWriter {
    private ExplainWriter() {}

    /**
     * What a query did.
     *
     * @param plan         the plan as the engine ran it (SSE)
     * @param planKept     whether that plan was kept from an earlier request with the same text (the catalogue unchanged since)
     * @param pushedDown   each star pushed down to members, in plan order
     * @param members      per member (by id), what the whole query cost there
     * @param missing      members that failed (partial mode: left out of the answer)
     * @param requestsSent the text of the requests sent (the first few hundred)
     */
    record Explain(String plan, boolean planKept, List<PushedDown> pushedDown, long millis, long rows, long requests, SortedMap<String, MemberCost> members,
                   List<QueryTrace.Failure> missing, List<String> requestsSent) {
        Explain {
            pushedDown = List.copyOf(pushedDown);
            members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
            missing = List.copyOf(missing);
            requestsSent = List.copyOf(requestsSent);
        }
    }

    /** One pushed-down star of the plan (SSE) and, per member asked for it, its requests and rows. */
    record PushedDown(String pattern, SortedMap<String, QueryTrace.StarCost> asked) {}

    /** What one query cost at one member. */
    record MemberCost(long requests, long rows, long bytes, long millis, long retries) {
        static MemberCost of(MemberStats s) {
            return new MemberCost(s.requests.get(), s.rows.get(), s.bytes.get(), s.nanos.get() / 1_000_000, s.retries.get());
        }
    }

    static Explain explain(QueryTrace trace, long millis, long rows) {
        Op plan = trace.plan() != null ? trace.plan() : org.apache.jena.sparql.algebra.op.OpNull.create();
        List<PushedDown> stars = new ArrayList<>();
        OpWalker.walk(plan, new OpVisitorBase() {
            @Override
            public void visit(OpService s) {
                if (Markers.STAR.equals(s.getService()) || Markers.OPTIONAL_STAR.equals(s.getService())
                        || Markers.STARS.equals(s.getService()))
                    stars.add(new PushedDown(sse(s.getSubOp()), trace.asked(s)));
            }
        });
        SortedMap<String, MemberCost> members = new TreeMap<>();
        trace.allStats().forEach((id, s) -> members.put(id, MemberCost.of(s)));
        return new Explain(sse(plan), trace.wasPlanKept(), stars, millis, rows, trace.totalRequests(), members, trace.failures(), trace.requests());
    }

    /** SSE with only the prefixes the expression uses, so the plan is not buried under declarations. */
    static String sse(Op op) {
        String full = SSE.str(op);
        var used = new org.apache.jena.shared.impl.PrefixMappingImpl();
        Prefixes.mapping().getNsPrefixMap().forEach((p, ns) -> { if (full.contains("<" + ns)) used.setNsPrefix(p, ns); });
        return SSE.str(op, used).strip();
    }

    static String text(Explain e) {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan (ARQ algebra after the federation planner; (service <urn:cipnet:star> …) is pushed down to members):\n");
        sb.append(indent(e.plan())).append("\n");
        if (e.planKept()) sb.append("(kept from an earlier request with the same text; the members' statistics are unchanged since)\n");
        sb.append('\n');
        sb.append(String.format("Ran in %s ms: %s rows, %s requests to members%n%n", e.millis(), e.rows(), e.requests()));
        sb.append(String.format("%-10s %9s %9s %12s %9s %8s%n", "member", "requests", "rows", "bytes", "ms", "retries"));
        e.members().forEach((id, m) -> sb.append(String.format("%-10s %9s %9s %12s %9s %8s%n", id, m.requests(), m.rows(), m.bytes(),
                m.millis(), m.retries())));
        if (!e.pushedDown().isEmpty()) sb.append("\nPushed down:\n");
        for (PushedDown p : e.pushedDown()) {
            sb.append(indent(p.pattern())).append('\n');
            p.asked().forEach((id, c) -> sb.append(String.format("    %-10s %9s requests %9s rows%n", id, c.requests(), c.rows())));
        }
        if (!e.missing().isEmpty()) {
            sb.append("\nMissing members:\n");
            for (QueryTrace.Failure f : e.missing()) sb.append("  ").append(f.member()).append(": ").append(f.message()).append('\n');
        }
        sb.append("\nRequests sent:\n");
        for (String r : e.requestsSent()) sb.append("  ").append(r).append('\n');
        return sb.toString();
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }

    static void respond(HttpAction action, QueryExecResult result, QueryTrace trace, long millis) {
        long rows = 0;
        if (result.isRowSet()) {
            RowSetRewindable rs = (RowSetRewindable) result.rowSet();
            while (rs.hasNext()) { rs.next(); rows++; }
        } else if (result.isGraph()) {
            rows = result.graph().size();
        } else if (result.isBoolean()) {
            rows = 1;
        }
        Explain e = explain(trace, millis, rows);
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
