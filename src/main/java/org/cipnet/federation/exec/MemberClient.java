package org.cipnet.federation.exec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.cipnet.federation.members.Member;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends SELECT and ASK requests to members over HTTP: SPARQL 1.1 protocol, POST form, JSON results.
 * Blank-node labels are kept as the member gives them, so that the same blank node joins across
 * requests (cipnet nodes give stable labels and accept them back as {@code <_:label>}). Each request
 * has the member's timeout and one retry; a member never has more than its cap in flight.
 */
public final class MemberClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    /** Runs a SELECT at a member; {@code vars} maps the result's variable names back to the query's. */
    public List<Binding> select(Member m, String query, Map<String, Var> vars, QueryTrace trace) {
        JsonNode json = send(m, query, trace);
        JsonNode bindings = json.path("results").path("bindings");
        if (!bindings.isArray()) throw new MemberFailure(m.id(), "answered without SPARQL JSON results", null);
        List<Binding> out = new ArrayList<>(bindings.size());
        for (JsonNode row : bindings) {
            BindingBuilder b = Binding.builder();
            row.fields().forEachRemaining(e -> {
                Var v = vars.get(e.getKey());
                if (v != null) b.add(v, node(e.getValue(), m));
            });
            out.add(b.build());
        }
        trace.stats(m.id()).rows.addAndGet(out.size());
        return out;
    }

    /** Runs an ASK at a member. */
    public boolean ask(Member m, String query, QueryTrace trace) {
        JsonNode json = send(m, query, trace);
        if (!json.has("boolean")) throw new MemberFailure(m.id(), "answered an ASK without a boolean", null);
        return json.get("boolean").asBoolean();
    }

    private JsonNode send(Member m, String query, QueryTrace trace) {
        MemberStats stats = trace.stats(m.id());
        trace.sent(m.id(), query);
        Semaphore cap = permits.computeIfAbsent(m.id(), k -> new Semaphore(m.maxConcurrent()));
        long t0 = System.nanoTime();
        try {
            cap.acquire();
            try {
                for (int attempt = 0; ; attempt++) {
                    try {
                        stats.requests.incrementAndGet();
                        return once(m, query, stats);
                    } catch (IOException | RetryableStatus e) {
                        if (attempt >= 1) throw new MemberFailure(m.id(), describe(e, m), e);
                        stats.retries.incrementAndGet();
                    }
                }
            } finally {
                cap.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemberFailure(m.id(), "interrupted", e);
        } finally {
            stats.nanos.addAndGet(System.nanoTime() - t0);
        }
    }

    private static String describe(Exception e, Member m) {
        if (e instanceof HttpTimeoutException) return "no answer within " + m.timeout().toMillis() + " ms (" + m.sparql() + ")";
        if (e instanceof java.net.ConnectException) return "connection refused at " + m.sparql();
        return e.getMessage() == null ? e.getClass().getSimpleName() + " at " + m.sparql() : e.getMessage() + " (" + m.sparql() + ")";
    }

    /** A 5xx answer: worth the one retry. */
    private static final class RetryableStatus extends Exception {
        RetryableStatus(String message) { super(message, null, false, false); }
    }

    private JsonNode once(Member m, String query, MemberStats stats) throws IOException, InterruptedException, RetryableStatus {
        HttpRequest req = HttpRequest.newBuilder(URI.create(m.sparql()))
                .timeout(m.timeout())
                .header("Accept", "application/sparql-results+json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .build();
        // The request timeout only bounds the wait for the headers; a member that sends them and then
        // stalls must still fail within its timeout, so the whole answer is awaited against one deadline.
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> res;
        try {
            res = pending.get(m.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("timed out");
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause());
        }
        byte[] body = res.body();
        stats.bytes.addAndGet(body.length);
        if (res.statusCode() >= 500) throw new RetryableStatus("HTTP " + res.statusCode() + ": " + firstLine(body));
        if (res.statusCode() != 200) throw new MemberFailure(m.id(), "HTTP " + res.statusCode() + ": " + firstLine(body), null);
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new MemberFailure(m.id(), "malformed SPARQL JSON results: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static String firstLine(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return s.lines().findFirst().orElse("");
    }

    private static Node node(JsonNode v, Member m) {
        String type = v.path("type").asText();
        String value = v.path("value").asText();
        switch (type) {
            case "uri":
                return NodeFactory.createURI(value);
            case "bnode":
                return NodeFactory.createBlankNode(value);
            case "literal":
            case "typed-literal":
                if (v.has("xml:lang")) return NodeFactory.createLiteralLang(value, v.get("xml:lang").asText());
                if (v.has("datatype")) return NodeFactory.createLiteralDT(value, TypeMapper.getInstance().getSafeTypeByName(v.get("datatype").asText()));
                return NodeFactory.createLiteralString(value);
            default:
                throw new MemberFailure(m.id(), "unsupported RDF term type '" + type + "' in results", null);
        }
    }
}
