package org.cipnet.federation.exec;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;
import org.cipnet.federation.planner.Star;

/**
 * The federation as one read-only graph: every member's national graph plus the reference graph.
 * The planner sends whole stars to members; this triple-at-a-time view is what remains for the parts
 * ARQ evaluates itself (property paths, DESCRIBE), so that those are exact too. One per query
 * ({@link FederatedDataset#forQuery}): ARQ asks a graph for triples without any context, so the
 * graph itself carries the query's trace — its failures, budget and deadline apply here too.
 */
public final class FederatedGraph extends GraphBase {
    private static final Var S = Var.alloc("s"), P = Var.alloc("p"), O = Var.alloc("o");

    private final StarExecutor executor;
    private final QueryTrace trace;

    FederatedGraph(StarExecutor executor, QueryTrace trace) {
        this.executor = executor;
        this.trace = trace;
    }

    QueryTrace trace() { return trace; }

    /**
     * A relation with at most this many triples in the whole federation (by the members' VoID) is
     * fetched whole, once per query, when a pattern with its predicate first reaches this graph
     * (member by member as the walk needs them, {@link Relation}): a property path then walks it in
     * memory instead of asking the members once per node it visits.
     */
    static final long WHOLE_RELATION_MAX = 100_000;

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        Node s = orVar(pattern.getSubject(), S), p = orVar(pattern.getPredicate(), P), o = orVar(pattern.getObject(), O);
        QueryTrace trace = this.trace != null ? this.trace : new QueryTrace(false);
        trace.check();
        if (p.isURI()) {
            Optional<Relation> relation = trace.relations().computeIfAbsent(p, k -> {
                long size = executor.estimate(k);
                return size >= 0 && size <= WHOLE_RELATION_MAX ? Optional.of(new Relation(k)) : Optional.empty();
            });
            if (relation.isPresent()) return WrappedIterator.create(relation.get().find(s.isVariable() ? null : s, anyIfVar(o), trace).iterator());
        }
        return WrappedIterator.create(fetch(s, p, o, trace).find().toList().iterator());
    }

    /**
     * A small relation as far as this query has fetched it, share by share (a member's triples with
     * the predicate, or the federator's own). Under the ownership contract a subject's triples are
     * its owner's: a walk at a known subject needs that one share, which a star the path joins may
     * have brought already ({@link StarExecutor#relation}). When a share the walk needs is not here,
     * every share not fetched yet is asked at once, one request per member (the relation whole, in
     * one round, as if nothing had come before): so the walk never sends a request more than
     * fetching the relation whole would, nor waits for more than one round.
     */
    final class Relation {
        private final Node predicate;
        private final Graph triples = GraphFactory.createGraphMem();
        private final java.util.Set<String> fetched = new java.util.HashSet<>();
        /** Every target that may hold the relation, once asked; all of them fetched: {@link #whole}. */
        private List<String> all;
        private boolean whole;

        Relation(Node predicate) {
            this.predicate = predicate;
        }

        /** The relation's triples with this subject ({@code null}: any) and object (ANY: any). */
        synchronized List<Triple> find(Node subject, Node object, QueryTrace trace) {
            if (!whole) {
                if (all == null) all = executor.relationTargets(predicate, null, trace);
                List<String> take = missing(subject == null ? all : executor.relationTargets(predicate, subject, trace));
                if (!take.stream().allMatch(t -> executor.shareKept(predicate, t, trace))) take = missing(all);
                for (Binding b : executor.shares(predicate, take, trace)) triples.add(Triple.create(b.get(S), predicate, b.get(O)));
                fetched.addAll(take);
                whole = fetched.containsAll(all);
            }
            return triples.find(subject == null ? Node.ANY : subject, predicate, object).toList();
        }

        private List<String> missing(List<String> targets) {
            return targets.stream().filter(t -> !fetched.contains(t)).toList();
        }
    }

    /** The triples matching one pattern, from every member that may hold them and the reference graph. */
    private Graph fetch(Node s, Node p, Node o, QueryTrace trace) {
        Star star = new Star(s, List.of(Triple.create(s, p, o)), List.of());
        Graph out = GraphFactory.createGraphMem();
        for (Binding b : executor.evaluate(star, List.of(BindingFactory.empty()), trace, new HashMap<>(), false, null))
            out.add(Triple.create(value(s, b), value(p, b), value(o, b)));
        return out;
    }

    private static Node anyIfVar(Node n) {
        return n.isVariable() ? Node.ANY : n;
    }

    private static Node orVar(Node n, Var v) {
        return n == null || n.equals(Node.ANY) ? v : n;
    }

    private static Node value(Node n, Binding b) {
        return n.isVariable() ? b.get(Var.alloc(n)) : n;
    }
}
