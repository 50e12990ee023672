package org.cipnet.validation;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.PlanOp;
import org.apache.jena.sparql.engine.QueryEngineFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.main.QueryEngineMain;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.util.iterator.ExtendedIterator;

/**
 * Runs the SPARQL constraints of the shapes ({@code sh:sparql}) that are evaluated focus node by
 * focus node (those {@link AllFocusNodes} does not take) on a validation's data graph. Jena
 * compiles the same query again for each focus node; this engine compiles each constraint's query
 * once, then does what Jena does with it for each focus node: puts the node into the compiled
 * algebra and optimises the result. (Optimising once with {@code $this} free and putting the node
 * into the optimised algebra is faster but not the same: where an expression reads {@code $this}
 * in a scope that does not bind it, Jena's optimiser leaves a free variable and a constant in
 * different places, and the answers differed; see AllFocusNodesTest.) The queries over the whole
 * data graph (SPARQL targets, the constraints {@link AllFocusNodes} runs once) are compiled once
 * too, and their filters keep per value what they test again and again ({@link FilterMemo}). It
 * answers only queries on a {@link Data} graph, so every other query in the process runs as before.
 */
final class ConstraintEngine extends QueryEngineMain {

    /**
     * The data graph of one validation: the reference graph and the input read as one graph,
     * without copying either into a graph of its own (for a large publication the copy cost more
     * than a fifth of its SHACL time); also the marker by which this engine recognises its queries.
     * Read only.
     */
    static final class Data extends GraphBase {
        private final Graph reference;
        private final Graph input;
        /** The input's triples that are also in the reference graph, usually none. */
        private final Set<Triple> both = new HashSet<>();

        Data(Graph reference, Graph input) {
            this.reference = reference;
            this.input = input;
            // Found once, here, by going through the smaller graph: asking the reference graph about each
            // input triple a query or a shape reads was a tenth of a publication's SHACL time.
            Graph small = reference.size() <= input.size() ? reference : input, large = small == reference ? input : reference;
            small.find().forEachRemaining(t -> { if (large.contains(t)) both.add(t); });
        }

        @Override
        protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
            // A triple in both graphs is found once, from the reference graph. Most patterns a shape or
            // query reads (an input node's values) find nothing there: the input's own iterator is then
            // answered as it is, not chained behind an empty one.
            ExtendedIterator<Triple> fromReference = reference.find(pattern);
            ExtendedIterator<Triple> fromInput = input.find(pattern);
            if (!both.isEmpty()) fromInput = fromInput.filterDrop(both::contains);
            if (!fromReference.hasNext()) {
                fromReference.close();
                return fromInput;
            }
            return fromReference.andThen(fromInput);
        }

        @Override
        protected boolean graphBaseContains(Triple t) {
            return reference.contains(t) || input.contains(t);
        }
    }

    // Weak keys: a constraint with a path gets a new Query object per focus node, and shapes may be reloaded.
    private static final Map<Query, Op> COMPILED = Collections.synchronizedMap(new WeakHashMap<>());

    private static final QueryEngineFactory FACTORY = new QueryEngineFactory() {
        @Override
        public boolean accept(Query query, DatasetGraph dataset, Context context) {
            // Jena's SHACL wraps the data graph in a DatasetGraphMapLink, QueryExec.graph (the targets, AllFocusNodes) in a DatasetGraphOne.
            return dataset.getDefaultGraph() instanceof Data;
        }

        @Override
        public Plan create(Query query, DatasetGraph dataset, Binding input, Context context) {
            return new ConstraintEngine(query, dataset, input, context).getPlan();
        }

        @Override
        public boolean accept(Op op, DatasetGraph dataset, Context context) {
            return false;
        }

        @Override
        public Plan create(Op op, DatasetGraph dataset, Binding input, Context context) {
            throw new UnsupportedOperationException("algebra is not run on validation data");
        }
    };

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    /** Puts the engine in Jena's registry, once. */
    static void install() {
        if (REGISTERED.compareAndSet(false, true)) QueryEngineRegistry.addFactory(FACTORY);
    }

    private ConstraintEngine(Query query, DatasetGraph dataset, Binding input, Context context) {
        super(query, dataset, input, context);
    }

    @Override
    protected Op createOp(Query q) {
        return COMPILED.computeIfAbsent(q, super::createOp);
    }

    @Override
    protected Plan createPlan() {
        Op op = getOp();
        Binding start = getStartBinding();
        boolean whole = start == null || start.isEmpty();
        if (!whole) op = Substitute.substitute(op, start);
        op = modifyOp(op);
        // A query over the whole graph (a target, a constraint run once) tests the same values again and again.
        if (whole) op = FilterMemo.apply(op);
        // The plan shows the algebra evaluated, kept tests included (FilterMemoTest reads it).
        return new PlanOp(op, this, evaluate(op, dataset, start, context));
    }
}
