package org.cipnet.federation.exec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.jena.query.ARQ;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.rowset.RowSetReader;
import org.apache.jena.riot.rowset.RowSetReaderRegistry;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.util.Context;
import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberRequests;
import org.cipnet.sparql.ResultCap;

/**
 * Sends SELECT and ASK requests to members over HTTP: SPARQL 1.1 protocol, POST form, results read
 * with Jena's result readers in the format the member answers with. Asked for first: SPARQL results
 * in RDF Thrift, which Jena-based stores (cipnet nodes, Fuseki) write and read several times faster
 * than SPARQL JSON (a 20,000-row answer: about a quarter of the time, and half the bytes); then SPARQL
 * JSON, which every SPARQL 1.1 store offers (and what Fuseki answers an ASK with), then XML.
 * Blank-node labels are kept as the member gives them, so that the same blank node joins across
 * requests (cipnet nodes give stable labels, in either format, and accept them back as {@code <_:label>}).
 *
 * <p>Bounded in every direction: an answer is read up to {@code answerLimit} bytes (a member that
 * sends more, or never stops, fails, and its connection is dropped); the whole answer — headers and
 * body — must arrive within the member's timeout and before the query's deadline; a member never
 * has more than its cap in flight. A connection failure or 5xx answer is retried once if there is
 * time; a timeout is not (a member that did not answer in time will not be faster the second time).
 * Every failure is recorded in the query's {@link QueryTrace}, wherever the request came from.
 */
public final class MemberClient implements MemberRequests {
    /**
     * Bytes of one member answer unless configured otherwise: 256 MiB, room for the 500,000 triples
     * a plain member's answer may carry (about 250 bytes each in SPARQL JSON).
     */
    public static final long DEFAULT_ANSWER_LIMIT = 256L << 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    /** Threads making the blocking requests (see {@link #receive}); idle ones end after a minute. */
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cipnet-member-request");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final long answerLimit;
    private final Context readContext = new Context();

    public MemberClient(long answerLimit) {
        this.answerLimit = answerLimit;
        readContext.set(ARQ.inputGraphBNodeLabels, true);
    }

    public MemberClient() {
        this(DEFAULT_ANSWER_LIMIT);
    }

    /** Runs a SELECT at a member; {@code vars} maps the result's variable names back to the query's. */
    public List<Binding> select(Member m, String query, Map<String, Var> vars, QueryTrace trace) {
        Answer a = send(m, query, ACCEPT, trace);
        QueryExecResult result = read(m, a, trace);
        if (!result.isRowSet()) throw failed(m, "answered without SPARQL results rows", trace);
        List<Binding> out = new ArrayList<>();
        try {
            RowSet rows = result.rowSet();
            rows.forEachRemaining(row -> {
                BindingBuilder b = Binding.builder();
                row.forEach((v, n) -> {
                    Var q = vars.get(v.getVarName());
                    if (q != null) b.add(q, n);
                });
                out.add(b.build());
            });
        } catch (RuntimeException e) {
            throw failed(m, "malformed " + name(a) + " results: " + firstLine(e.getMessage()), trace);
        }
        trace.stats(m.id()).rows.addAndGet(out.size());
        cut(m, a, query, out.size(), trace);
        return out;
    }

    @Override
    public List<Binding> select(Member m, String query, Map<String, Var> vars, Duration timeout) {
        return select(m, query, vars, new QueryTrace(false, timeout.toMillis(), 1));
    }

    /** Source-selection probes on behalf of one query, under its trace. */
    public MemberRequests.Probe probe(QueryTrace trace) {
        return new MemberRequests.Probe() {
            @Override public boolean ask(Member m, String query) { return MemberClient.this.ask(m, query, trace); }

            @Override public List<Binding> select(Member m, String query, Map<String, Var> vars) { return MemberClient.this.select(m, query, vars, trace); }
        };
    }

    /** Runs an ASK at a member. */
    public boolean ask(Member m, String query, QueryTrace trace) {
        QueryExecResult result = read(m, send(m, query, ASK_ACCEPT, trace), trace);
        if (!result.isBoolean()) throw failed(m, "answered an ASK without a boolean", trace);
        return result.booleanResult();
    }

    /**
     * A member stating its result cap ({@code X-Cipnet-Result-Cap}, as cipnet nodes do) that sent
     * that many rows may have cut its answer: the answer cannot be taken as complete — unless the
     * request itself asked for no more than that.
     */
    private void cut(Member m, Answer a, String query, int rows, QueryTrace trace) {
        String header = a.headers().firstValue(ResultCap.HEADER).orElse(null);
        if (header == null) return;
        long cap;
        try {
            cap = Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return;
        }
        if (rows < cap) return;
        long asked;
        try {
            asked = QueryFactory.create(query, org.apache.jena.query.Syntax.syntaxARQ).getLimit();
        } catch (RuntimeException e) {
            asked = org.apache.jena.query.Query.NOLIMIT; // cannot tell what was asked: the answer may be cut
        }
        if (asked != org.apache.jena.query.Query.NOLIMIT && asked <= cap) return;
        throw failed(m, "its answer was cut at its result cap of " + cap + " rows (" + ResultCap.HEADER
                + "), so it is not the whole answer", trace);
    }

    private QueryExecResult read(Member m, Answer a, QueryTrace trace) {
        try {
            return RowSetReader.createReader(lang(a)).readAny(new ByteArrayInputStream(a.body()), readContext);
        } catch (RuntimeException e) {
            throw failed(m, "malformed " + name(a) + " results: " + firstLine(e.getMessage()), trace);
        }
    }

    /** The results format the member says it sent: JSON (asked for first) unless it names another that Jena reads. */
    private static Lang lang(Answer a) {
        Lang lang = a.headers().firstValue("Content-Type").map(RDFLanguages::contentTypeToLang).orElse(null);
        return lang == null || !RowSetReaderRegistry.isRegistered(lang) ? ResultSetLang.RS_JSON : lang;
    }

    private static String name(Answer a) {
        Lang lang = lang(a);
        return lang == ResultSetLang.RS_XML ? "SPARQL XML" : lang == ResultSetLang.RS_Thrift ? "SPARQL Thrift" : "SPARQL JSON";
    }

    /** What {@link #once} asks for: Thrift, JSON, XML (see the class comment). */
    static final String ACCEPT = "application/sparql-results+thrift, application/sparql-results+json;q=0.9, application/sparql-results+xml;q=0.5";

    /** What an ASK asks for: Thrift has no boolean form, so a store that honoured it literally could not answer. */
    static final String ASK_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.5";

    private static MemberFailure failed(Member m, String message, QueryTrace trace) {
        MemberFailure f = new MemberFailure(m.id(), message, null);
        trace.failed(f);
        return f;
    }

    private record Answer(HttpHeaders headers, byte[] body) {}

    private Answer send(Member m, String query, String accept, QueryTrace trace) {
        trace.check();
        MemberStats stats = trace.stats(m.id());
        trace.sent(m.id(), query);
        Semaphore cap = permits.computeIfAbsent(m.id(), k -> new Semaphore(m.maxConcurrent()));
        long t0 = System.nanoTime();
        try {
            // Waiting for one of the member's request slots counts against the same bounds as the request.
            long slotWait = Math.min(m.timeout().toMillis(), trace.memberMillisLeft());
            if (slotWait <= 0) throw timedOut(trace);
            if (!cap.tryAcquire(slotWait, TimeUnit.MILLISECONDS)) {
                if (trace.memberMillisLeft() <= 0) throw timedOut(trace);
                throw failed(m, "all its " + m.maxConcurrent() + " request slots stayed busy for " + slotWait + " ms", trace);
            }
            try {
                for (int attempt = 0; ; attempt++) {
                    trace.countRequest();
                    stats.requests.incrementAndGet();
                    try {
                        return once(m, query, accept, stats, trace);
                    } catch (IOException | RetryableStatus e) {
                        boolean retry = attempt == 0 && !(e instanceof HttpTimeoutException) && !(e instanceof TooLarge)
                                && trace.memberMillisLeft() > 0 && !trace.cancelled();
                        if (!retry) {
                            MemberFailure f = new MemberFailure(m.id(), describe(e, m), e);
                            trace.failed(f);
                            throw f;
                        }
                        stats.retries.incrementAndGet();
                    }
                }
            } finally {
                cap.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryCancelledException();
        } finally {
            stats.nanos.addAndGet(System.nanoTime() - t0);
        }
    }

    private String describe(Exception e, Member m) {
        if (e instanceof HttpTimeoutException) return e.getMessage() + " (" + m.sparql() + ")";
        if (e instanceof TooLarge) return e.getMessage();
        if (e instanceof java.net.ConnectException) return "connection refused at " + m.sparql();
        return e.getMessage() == null ? e.getClass().getSimpleName() + " at " + m.sparql() : e.getMessage() + " (" + m.sparql() + ")";
    }

    /** A 5xx answer: worth the one retry. */
    private static final class RetryableStatus extends Exception {
        RetryableStatus(String message) { super(message, null, false, false); }
    }

    /** An answer over the byte limit. */
    private static final class TooLarge extends IOException {
        TooLarge(String message) { super(message); }
    }

    private Answer once(Member m, String query, String accept, MemberStats stats, QueryTrace trace)
            throws IOException, InterruptedException, RetryableStatus {
        // One wait takes at most half of what is left of the query's time (at least a second, if there
        // is one): a member that hangs then leaves time for the other members' requests after it.
        long left = trace.memberMillisLeft();
        if (left <= 0) throw timedOut(trace);
        long wait = left == Long.MAX_VALUE ? m.timeout().toMillis() : Math.min(m.timeout().toMillis(), Math.max(left / 2, Math.min(left, 1_000)));
        String waited = wait < m.timeout().toMillis()
                ? "no answer within " + wait + " ms (what was left of the query's timeout of " + trace.timeoutMillis() + " ms)"
                : "no answer within " + wait + " ms";
        HttpRequest req = HttpRequest.newBuilder(URI.create(m.sparql()))
                .timeout(Duration.ofMillis(wait))
                .header("Accept", accept)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .build();
        // The request timeout only bounds the wait for the headers; a member that sends them and then
        // stalls must still fail within its timeout, so the whole answer is awaited against one deadline.
        // The body is collected up to the byte limit and no further.
        Received res;
        try {
            res = await(receive(req), wait, waited, trace);
        } catch (HttpTimeoutException e) {
            // Cut short by the query's deadline with little time left: the query ran out of time
            // elsewhere, and this member is not to blame. Given a fair share of it, the member is.
            if (wait < m.timeout().toMillis() && wait < trace.timeoutMillis() / 4) throw timedOut(trace);
            throw e;
        }
        byte[] body = res.body();
        stats.bytes.addAndGet(body.length);
        if (res.status() >= 500) throw new RetryableStatus("HTTP " + res.status() + ": " + firstLine(body));
        if (res.status() != 200) throw failed(m, "HTTP " + res.status() + ": " + firstLine(body), trace);
        return new Answer(res.headers(), body);
    }

    /** Stops the threads that make member requests; requests in flight are interrupted. */
    public void close() {
        senders.shutdownNow();
    }

    /** A whole answer: status, headers and the body up to the byte limit. */
    private record Received(int status, HttpHeaders headers, byte[] body) {}

    /**
     * Sends the request on one of {@link #senders}' threads with the client's blocking {@code send};
     * the answer completes as soon as {@link Bounded} has the whole body. Not {@code sendAsync}: the
     * JDK's client hands the response future of every {@code sendAsync} call on to an empty stage run
     * by CompletableFuture's default executor, which on a machine with fewer than three cores starts a
     * new thread for each task — a thread started and ended for every member request. The blocking
     * call, made on a thread the pool keeps, has no such stage. Cancelling the answer interrupts the
     * sending thread, and the client cancels the exchange.
     */
    private CompletableFuture<Received> receive(HttpRequest req) {
        CompletableFuture<Received> whole = new CompletableFuture<>();
        Future<?> exchange = senders.submit(() -> {
            try {
                http.send(req, info -> new Bounded(answerLimit, info, whole));
            } catch (IOException | RuntimeException e) {
                whole.completeExceptionally(e); // no answer at all (refused, reset): a failed body has already completed it
            } catch (InterruptedException e) {
                whole.cancel(true);
            }
        });
        whole.whenComplete((r, t) -> {
            if (whole.isCancelled()) exchange.cancel(true);
        });
        return whole;
    }

    /** The query's time is up: it stops as ARQ's own timeout would stop it. */
    private static QueryCancelledException timedOut(QueryTrace trace) {
        QueryCancelledException e = new QueryCancelledException();
        trace.abort(e);
        return e;
    }

    /** Waits for the whole answer until {@code millis}, watching the query; a cancelled query cancels the request. */
    private static <T> T await(CompletableFuture<T> pending, long millis, String timeoutMessage, QueryTrace trace)
            throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (true) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    pending.cancel(true);
                    throw new HttpTimeoutException(timeoutMessage);
                }
                try {
                    return pending.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (trace.cancelled()) {
                        pending.cancel(true);
                        trace.check();
                        throw new QueryCancelledException();
                    }
                }
            }
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (java.util.concurrent.CancellationException e) {
            trace.check();
            throw new QueryCancelledException();
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause())
                if (t instanceof TooLarge tl) throw tl;
            if (e.getCause() instanceof HttpTimeoutException) throw new HttpTimeoutException(timeoutMessage);
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause());
        }
    }

    /** Fetches a document (a member's VoID) with the same bounds: the byte limit and the whole answer within {@code timeout}. */
    @Override
    public Document fetch(Member m, String url, String accept, String etag, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", accept).GET();
        if (etag != null) b.header("If-None-Match", etag);
        Received res = await(receive(b.build()), timeout.toMillis(), "no answer within " + timeout.toMillis() + " ms (" + url + ")", new QueryTrace(false));
        if (res.status() == 304 && etag != null) return new Document(null, res.headers().firstValue("ETag").orElse(etag));
        if (res.status() != 200) throw new IOException("HTTP " + res.status() + " from " + url);
        return new Document(new String(res.body(), StandardCharsets.UTF_8), res.headers().firstValue("ETag").orElse(null));
    }

    /**
     * Collects a body up to a limit; past it, drops the connection and fails. Memory stays bounded
     * whatever the member sends. Completes {@code whole} with the answer, or with the failure.
     */
    private static final class Bounded implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> body = new CompletableFuture<>();
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final long limit;
        private final HttpResponse.ResponseInfo info;
        private final CompletableFuture<Received> whole;
        private Flow.Subscription subscription;

        Bounded(long limit, HttpResponse.ResponseInfo info, CompletableFuture<Received> whole) {
            this.limit = limit;
            this.info = info;
            this.whole = whole;
        }

        @Override
        public CompletionStage<Void> getBody() { return body; }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (whole.isDone()) { // cancelled by the query (or already failed): read no further
                subscription.cancel();
                body.complete(null);
                return;
            }
            for (ByteBuffer b : items) {
                if (buf.size() + (long) b.remaining() > limit) {
                    subscription.cancel();
                    fail(new TooLarge("sent an answer larger than " + limit
                            + " bytes, the federator's limit for one member answer (--member-answer-limit); it was not read further"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buf.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) { fail(t); }

        @Override
        public void onComplete() {
            whole.complete(new Received(info.statusCode(), info.headers(), buf.toByteArray()));
            body.complete(null);
        }

        private void fail(Throwable t) {
            whole.completeExceptionally(t);
            body.completeExceptionally(t);
        }
    }

    private static String firstLine(byte[] body) {
        return firstLine(new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }
}
