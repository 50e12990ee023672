package org.cipnet.federation.exec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.util.Symbol;

/**
 * Everything one federated query did and may still do: per-member costs, the members that failed,
 * whether it runs in partial mode (a failing member is then recorded and skipped instead of failing
 * the query), its deadline, its budget of member requests, and the member requests in flight.
 * Travels in the query's ARQ context under {@link #SYMBOL}.
 *
 * <p>Every member failure is recorded here where it happens, whatever part of the query asked:
 * ARQ reads an exception inside FILTER (EXISTS, NOT EXISTS, any expression) as "false", so a
 * failure thrown there would be lost. In strict mode the first failure also aborts the query:
 * ARQ's cancel signal stops its iterators, in-flight member requests are cancelled, and
 * {@link #check()} — called before every row leaves the engine — throws the failure.
 */
public final class QueryTrace {
    public static final Symbol SYMBOL = Symbol.create("urn:cipnet:queryTrace");

    public record Failure(String member, String message) {}

    /** Member requests one query may send unless configured otherwise. */
    public static final long DEFAULT_MAX_REQUESTS = 5_000;

    private final boolean partial;
    private final long deadlineNanos;
    private final long timeoutMillis;
    private final long maxRequests;
    private final AtomicLong requestCount = new AtomicLong();
    private volatile RuntimeException abort;
    private final java.util.concurrent.atomic.AtomicReference<RuntimeException> abortReason = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile AtomicBoolean cancelSignal = new AtomicBoolean();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, MemberStats> stats = new ConcurrentHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> bnodeOrigin = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<List<org.apache.jena.sparql.engine.binding.Binding>>> unboundAnswers = new ConcurrentHashMap<>();

    /** A trace without deadline or request budget of its own (ARQ's timeout still applies). */
    public QueryTrace(boolean partial) {
        this(partial, 0, Long.MAX_VALUE);
    }

    /**
     * @param timeoutMillis the query's timeout (0 = none): member requests must end before it
     * @param maxRequests   most member requests the query may send (probes included)
     */
    public QueryTrace(boolean partial, long timeoutMillis, long maxRequests) {
        this.partial = partial;
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : Long.MAX_VALUE;
        this.maxRequests = maxRequests;
    }

    public boolean partial() { return partial; }

    /** ARQ's cancel signal for this query (set on timeout or cancel): member waits watch it. */
    void cancelSignal(AtomicBoolean signal) {
        if (signal != null) this.cancelSignal = signal;
    }

    /** Whether the query was cancelled (timeout, client gone) or aborted by a failure. */
    public boolean cancelled() {
        return cancelSignal.get() || abort != null;
    }

    /**
     * Milliseconds a member request may still take: until shortly before the query's deadline, so
     * that a member that does not answer is named (strict) or left out (partial) while there is still
     * time to answer the client. {@code Long.MAX_VALUE} without a deadline.
     */
    long memberMillisLeft() {
        if (deadlineNanos == Long.MAX_VALUE) return Long.MAX_VALUE;
        long margin = Math.min(2_000, timeoutMillis / 10);
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()) - margin;
    }

    long timeoutMillis() { return timeoutMillis; }

    private volatile long rowCap = Long.MAX_VALUE;

    /** The federator's result cap, when it applies to this query (its own LIMIT is larger or absent). */
    public void rowCap(long cap) { this.rowCap = cap; }

    /** The n-th row of the answer: past the cap, the query fails instead of answering cut. */
    void countRow(long n) {
        if (n > rowCap) {
            abort(new LimitExceeded("the answer has more than " + rowCap + " rows, the federator's result cap (--result-cap);"
                    + " add LIMIT (and OFFSET to page through it) or narrow the query"));
            check();
        }
    }

    /** Counts one member request against the query's budget; over it, the query is aborted. */
    void countRequest() {
        if (requestCount.incrementAndGet() > maxRequests) {
            abort(new LimitExceeded("the query needs more than " + maxRequests
                    + " member requests, the federator's limit per query (--max-member-requests); bind more of it or narrow it"));
            check();
        }
    }

    /** Records a member's failure; in strict mode it also aborts the query. */
    public void failed(MemberFailure f) {
        synchronized (failures) {
            if (failures.stream().noneMatch(x -> x.member().equals(f.member()))) failures.add(new Failure(f.member(), f.getMessage()));
        }
        if (!partial) abort(f);
    }

    /** Whether this member already failed in this query (partial mode then asks it nothing more). */
    public boolean hasFailed(String member) {
        return failures.stream().anyMatch(f -> f.member().equals(member));
    }

    /** Stops the query: the first reason wins; ARQ's iterators stop at their next step, member requests are cancelled. */
    public void abort(RuntimeException reason) {
        // Not under this object's monitor: local() holds it while it waits for member answers, whose
        // failures come here from other threads.
        abortReason.compareAndSet(null, reason);
        abort = abortReason.get();
        cancelSignal.set(true);
        cancelInFlight();
    }

    /** Why the query was aborted, if it was. */
    public Optional<RuntimeException> abortReason() {
        return Optional.ofNullable(abort);
    }

    /** Throws why the query was aborted, if it was. */
    public void check() {
        RuntimeException a = abort;
        if (a != null) throw a;
    }

    /** Cancels every member request still in flight. */
    void cancelInFlight() {
        for (CompletableFuture<?> f : inFlight) f.cancel(true);
    }

    /**
     * Waits for an answer while watching the query: a cancelled or aborted query stops waiting at
     * once (and cancels what is in flight) instead of when the member answers.
     */
    <T> T await(CompletableFuture<T> answer) throws ExecutionException {
        inFlight.add(answer);
        try {
            while (true) {
                if (cancelled()) {
                    cancelInFlight();
                    check();
                    throw new QueryCancelledException();
                }
                try {
                    return answer.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // look at the query again
                } catch (CancellationException e) {
                    check();
                    throw new QueryCancelledException();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    answer.cancel(true);
                    throw new QueryCancelledException();
                }
            }
        } finally {
            inFlight.remove(answer);
        }
    }

    /** A limit of the federator that the query would exceed: the query fails, in partial mode too. */
    public static final class LimitExceeded extends RuntimeException {
        public LimitExceeded(String message) { super(message); }
    }

    public MemberStats stats(String member) {
        return stats.computeIfAbsent(member, k -> new MemberStats());
    }

    public Map<String, MemberStats> allStats() { return stats; }

    public List<Failure> failures() { return failures; }

    /** Records the text of a request sent (for explain). Kept short: the first few hundred. */
    public void sent(String member, String query) {
        if (requests.size() < 200) requests.add(member + ": " + query);
    }

    public List<String> requests() { return requests; }

    /** Remembers which member a blank node came from: its triples can only be there. */
    public void origin(org.apache.jena.graph.Node bnode, String member) {
        bnodeOrigin.putIfAbsent(bnode.getBlankNodeLabel(), member);
    }

    /** The member (or "reference") a blank node came from, or null if unknown. */
    public String origin(org.apache.jena.graph.Node bnode) {
        return bnodeOrigin.get(bnode.getBlankNodeLabel());
    }

    private volatile org.apache.jena.sparql.algebra.Op plan;

    /** The plan as the engine ran it (after ARQ's optimizer and the federation planner). */
    public void plan(org.apache.jena.sparql.algebra.Op op) { this.plan = op; }

    private volatile String text;
    private volatile boolean planKept;

    /** The text the query came as: a plan made for it may be kept for the next request with that text ({@link Plans}). */
    public void text(String text) { this.text = text; }

    String text() { return text; }

    void planKept() { planKept = true; }

    /** Whether the plan was one kept from an earlier request with the same text, made from the same catalogue inputs. */
    public boolean wasPlanKept() { return planKept; }

    private final Map<Node, Optional<FederatedGraph.Relation>> relations = new ConcurrentHashMap<>();

    /** Per predicate met by {@link FederatedGraph}: its relation when it is small enough to fetch whole for this query. */
    Map<Node, Optional<FederatedGraph.Relation>> relations() { return relations; }

    public org.apache.jena.sparql.algebra.Op plan() { return plan; }

    /** What one member did for one pushed-down star of the plan: requests sent for it, rows it answered. */
    public record StarCost(long requests, long rows) {}

    private final Map<org.apache.jena.sparql.algebra.Op, Map<String, StarCost>> byStar = new ConcurrentHashMap<>();

    /** One request for this plan node (a pushed-down star) answered by the member with this many rows. */
    void asked(org.apache.jena.sparql.algebra.Op node, String member, long rows) {
        byStar.computeIfAbsent(node, k -> new ConcurrentHashMap<>())
                .merge(member, new StarCost(1, rows), (a, b) -> new StarCost(a.requests() + b.requests(), a.rows() + b.rows()));
    }

    /**
     * Answers to pushed-down star requests that carry no join values, by member and request text:
     * they do not depend on the rows the star is joined with, so one query asks each at most once,
     * however many blocks, executions or stars need it.
     */
    Map<String, CompletableFuture<List<org.apache.jena.sparql.engine.binding.Binding>>> unboundAnswers() { return unboundAnswers; }

    /** The most rows of bound answers ({@link #boundAnswer}) kept for one query. */
    static final long BOUND_MEMO_ROWS = 100_000;

    private record BoundKey(String member, String text, Node subject) {}

    private final Map<BoundKey, List<org.apache.jena.sparql.engine.binding.Binding>> boundAnswers = new ConcurrentHashMap<>();
    private final AtomicLong boundRows = new AtomicLong();
    private volatile Map<String, Set<org.apache.jena.sparql.core.Var>> planSubjects;

    /**
     * A member's rows for a shared star request (by its renamed text) bound to one subject value,
     * asked earlier in this query; null when not asked (or not kept).
     */
    List<org.apache.jena.sparql.engine.binding.Binding> boundAnswer(String member, String text, Node subject) {
        return boundAnswers.get(new BoundKey(member, text, subject));
    }

    /**
     * Keeps a member's rows for one subject value until the query's kept rows reach
     * {@link #BOUND_MEMO_ROWS} (overshooting by at most the answers being kept at that moment).
     * Only rows kept count: a value two requests answered is kept once.
     */
    void keepBoundAnswer(String member, String text, Node subject, List<org.apache.jena.sparql.engine.binding.Binding> rows) {
        if (boundRows.get() < BOUND_MEMO_ROWS && boundAnswers.putIfAbsent(new BoundKey(member, text, subject), rows) == null)
            boundRows.addAndGet(rows.size() + 1);
    }

    boolean boundRowsFull() {
        return boundRows.get() >= BOUND_MEMO_ROWS;
    }

    private CompletableFuture<Void> objectProbes;

    /** The query's probes of bound objects ({@link ObjectProbes}): started by the first star that asks, shared by the others. */
    synchronized CompletableFuture<Void> objectProbes(java.util.function.Supplier<CompletableFuture<Void>> start) {
        if (objectProbes == null) objectProbes = start.get();
        return objectProbes;
    }

    /** The subject variables of the plan's stars whose shared request text is {@code text}; the plan is read once per query. */
    Set<org.apache.jena.sparql.core.Var> sharedSubjects(String text, java.util.function.Supplier<Map<String, Set<org.apache.jena.sparql.core.Var>>> fromPlan) {
        if (planSubjects == null) planSubjects = fromPlan.get();
        return planSubjects.getOrDefault(text, Set.of());
    }

    /** Per member (by id, in order), what it did for this plan node; empty when no member was asked. */
    public java.util.SortedMap<String, StarCost> asked(org.apache.jena.sparql.algebra.Op node) {
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byStar.getOrDefault(node, Map.of())));
    }

    /** What the query may match ({@link PlainMembers#predicates}); null: anything. */
    private volatile java.util.Set<Node> predicates;
    private volatile boolean predicatesKnown;
    private Graph local;

    void predicates(java.util.Set<Node> p) {
        predicates = p;
        predicatesKnown = true;
    }

    /** The federator's own graph for this query (reference graph and plain members' data), made on first use. */
    synchronized Graph local(java.util.function.Function<java.util.Set<Node>, Graph> make) {
        if (local == null) local = make.apply(predicatesKnown ? predicates : null);
        return local;
    }

    public long totalRequests() {
        return stats.values().stream().mapToLong(s -> s.requests.get()).sum();
    }
}
