package org.cipnet.federation.exec;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.QueryEngineFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.main.QueryEngineMain;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.util.Context;
import org.cipnet.federation.planner.FederationTransform;

/**
 * ARQ's main engine with one more step after its own optimizer: the federation transform. Full
 * SPARQL semantics stay ARQ's; the transform decides only where basic graph patterns run.
 */
public final class FederationEngine extends QueryEngineMain {
    private final FederatedDataset dataset;
    /** DESCRIBE reads whatever the described resources have: any predicate. */
    private final boolean anyPredicate;

    private FederationEngine(Query query, FederatedDataset dsg, Binding input, Context cxt) {
        super(query, dsg, input, keepStars(cxt));
        this.dataset = dsg;
        this.anyPredicate = query.isDescribeType();
    }

    private FederationEngine(Op op, FederatedDataset dsg, Binding input, Context cxt) {
        super(op, dsg, input, keepStars(cxt));
        this.dataset = dsg;
        this.anyPredicate = false;
    }

    /**
     * ARQ's filter placement would cut a BGP at every FILTER and scatter one subject's triples over
     * several fragments — separate requests and, for fragments that share no variable, cross
     * products. Kept whole, the filter sits over the BGP and the planner gives it to its star.
     */
    private static Context keepStars(Context cxt) {
        cxt.set(org.apache.jena.query.ARQ.optFilterPlacementBGP, false);
        return cxt;
    }

    @Override
    protected Op modifyOp(Op op) {
        Op optimized = super.modifyOp(op);
        Op planned = Transformer.transform(new FederationTransform(dataset.catalog()), optimized);
        QueryTrace trace = trace(context);
        trace.plan(planned);
        trace.predicates(anyPredicate ? null : PlainMembers.predicates(optimized));
        return planned;
    }

    @Override
    public QueryIterator eval(Op op, DatasetGraph dsg, Binding input, Context cxt) {
        FederatedGraph.current(trace(cxt));
        ServiceExecutorRegistry registry = ServiceExecutorRegistry.createFrom(ServiceExecutorRegistry.get());
        registry.addBulkLink(dataset.executor());
        ServiceExecutorRegistry.set(cxt, registry);
        return super.eval(op, dsg, input, cxt);
    }

    /** The query's trace, made here when the caller (a test, the web front) brought none. */
    private static QueryTrace trace(Context cxt) {
        QueryTrace trace = cxt.get(QueryTrace.SYMBOL);
        if (trace == null) {
            trace = new QueryTrace(false);
            cxt.set(QueryTrace.SYMBOL, trace);
        }
        return trace;
    }

    private static final QueryEngineFactory FACTORY = new QueryEngineFactory() {
        @Override
        public boolean accept(Query query, DatasetGraph dsg, Context cxt) { return dsg instanceof FederatedDataset; }

        @Override
        public Plan create(Query query, DatasetGraph dsg, Binding input, Context cxt) {
            return new FederationEngine(query, (FederatedDataset) dsg, input, cxt).getPlan();
        }

        @Override
        public boolean accept(Op op, DatasetGraph dsg, Context cxt) { return dsg instanceof FederatedDataset; }

        @Override
        public Plan create(Op op, DatasetGraph dsg, Binding input, Context cxt) {
            return new FederationEngine(op, (FederatedDataset) dsg, input, cxt).getPlan();
        }
    };

    /** Registers the engine with ARQ (idempotent). */
    public static synchronized void register() {
        if (!QueryEngineRegistry.containsFactory(FACTORY)) QueryEngineRegistry.addFactory(FACTORY);
    }
}
