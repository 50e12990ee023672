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
     * fetched whole, once per query, when a pattern with its predicate first reaches this graph: a
     * property path then walks it in memory instead of asking the members once per node it visits.
     */
    static final long WHOLE_RELATION_MAX = 100_000;

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        Node s = orVar(pattern.getSubject(), S), p = orVar(pattern.getPredicate(), P), o = orVar(pattern.getObject(), O);
        QueryTrace trace = this.trace != null ? this.trace : new QueryTrace(false);
        trace.check();
        if (p.isURI()) {
            Optional<Graph> relation = trace.relations().computeIfAbsent(p, k -> {
                long size = executor.estimate(k);
                return size >= 0 && size <= WHOLE_RELATION_MAX ? Optional.of(fetch(S, k, O, trace)) : Optional.empty();
            });
            if (relation.isPresent()) return WrappedIterator.create(relation.get().find(anyIfVar(s), p, anyIfVar(o)).toList().iterator());
        }
        return WrappedIterator.create(fetch(s, p, o, trace).find().toList().iterator());
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
