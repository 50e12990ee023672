package org.cipnet.federation.exec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.util.Symbol;

/**
 * Everything one federated query did: per-member costs, the members that failed, and whether it
 * runs in partial mode (a failing member is then recorded and skipped instead of failing the query).
 * Travels in the query's ARQ context under {@link #SYMBOL}.
 */
public final class QueryTrace {
    public static final Symbol SYMBOL = Symbol.create("urn:cipnet:queryTrace");

    public record Failure(String member, String message) {}

    private final boolean partial;
    private final Map<String, MemberStats> stats = new ConcurrentHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> bnodeOrigin = new ConcurrentHashMap<>();

    public QueryTrace(boolean partial) {
        this.partial = partial;
    }

    public boolean partial() { return partial; }

    public MemberStats stats(String member) {
        return stats.computeIfAbsent(member, k -> new MemberStats());
    }

    public Map<String, MemberStats> allStats() { return stats; }

    public void failed(String member, String message) {
        if (failures.stream().noneMatch(f -> f.member().equals(member))) failures.add(new Failure(member, message));
    }

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

    /** The plan as the engine ran it (after ARQ's optimizer and the federation transform). */
    public void plan(org.apache.jena.sparql.algebra.Op op) { this.plan = op; }

    private final Map<Node, Optional<Graph>> relations = new ConcurrentHashMap<>();

    /** Per predicate met by {@link FederatedGraph}: its whole relation when it was small enough to fetch once for this query. */
    Map<Node, Optional<Graph>> relations() { return relations; }

    public org.apache.jena.sparql.algebra.Op plan() { return plan; }

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
