package org.cipnet.federation.exec;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;
import org.cipnet.federation.planner.Star;

/**
 * The federation as one read-only graph: every member's national graph plus the reference graph.
 * The planner sends whole stars to members; this triple-at-a-time view is what remains for the parts
 * ARQ evaluates itself (property paths), so that those are exact too.
 */
public final class FederatedGraph extends GraphBase {
    private static final ThreadLocal<QueryTrace> CURRENT = new ThreadLocal<>();
    private static final Var S = Var.alloc("s"), P = Var.alloc("p"), O = Var.alloc("o");

    private final StarExecutor executor;

    public FederatedGraph(StarExecutor executor) {
        this.executor = executor;
    }

    /** The trace of the query the current thread evaluates. */
    static void current(QueryTrace trace) {
        CURRENT.set(trace);
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        Node s = orVar(pattern.getSubject(), S), p = orVar(pattern.getPredicate(), P), o = orVar(pattern.getObject(), O);
        QueryTrace trace = CURRENT.get() == null ? new QueryTrace(false) : CURRENT.get();
        Star star = new Star(s, List.of(Triple.create(s, p, o)), List.of());
        List<Triple> out = new ArrayList<>();
        for (Binding b : executor.evaluate(star, List.of(org.apache.jena.sparql.engine.binding.BindingFactory.empty()), trace, new java.util.HashMap<>(), false))
            out.add(Triple.create(value(s, b), value(p, b), value(o, b)));
        return WrappedIterator.create(out.iterator());
    }

    private static Node orVar(Node n, Var v) {
        return n == null || n.equals(Node.ANY) ? v : n;
    }

    private static Node value(Node n, Binding b) {
        return n.isVariable() ? b.get(Var.alloc(n)) : n;
    }
}
