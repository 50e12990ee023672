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

    private FederationEngine(Query query, FederatedDataset dsg, Binding input, Context cxt) {
        super(query, dsg, input, keepStars(cxt));
        this.dataset = dsg;
    }

    private FederationEngine(Op op, FederatedDataset dsg, Binding input, Context cxt) {
        super(op, dsg, input, keepStars(cxt));
        this.dataset = dsg;
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
        Op planned = Transformer.transform(new FederationTransform(dataset.catalog()), super.modifyOp(op));
        QueryTrace trace = context.get(QueryTrace.SYMBOL);
        if (trace != null) trace.plan(planned);
        return planned;
    }

    @Override
    public QueryIterator eval(Op op, DatasetGraph dsg, Binding input, Context cxt) {
        QueryTrace trace = cxt.get(QueryTrace.SYMBOL);
        if (trace == null) {
            trace = new QueryTrace(false);
            cxt.set(QueryTrace.SYMBOL, trace);
        }
        FederatedGraph.current(trace);
        ServiceExecutorRegistry registry = ServiceExecutorRegistry.createFrom(ServiceExecutorRegistry.get());
        registry.addBulkLink(dataset.executor());
        ServiceExecutorRegistry.set(cxt, registry);
        return super.eval(op, dsg, input, cxt);
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
