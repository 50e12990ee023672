package org.cipnet.federation.exec;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.QueryEngineFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIteratorWrapper;
import org.apache.jena.sparql.engine.main.QueryEngineMain;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.Symbol;
import org.cipnet.federation.members.MemberCatalog;
import org.cipnet.federation.planner.Planner;

/**
 * ARQ's main engine with one more step after its own optimizer: the federation planner. Full
 * SPARQL semantics stay ARQ's; the planner decides only where basic graph patterns run.
 */
public final class FederationEngine extends QueryEngineMain {
    private final FederatedDataset dataset;
    /** DESCRIBE reads whatever the described resources have: any predicate. */
    private final boolean anyPredicate;
    /** The query, when the engine was made from one (a plan is kept only for those). */
    private final Query query;

    /**
     * The look for this query's kept plan, in its context between the engine's compile and modify
     * steps: the query it was made for (a context shared by mistake cannot give one query another's
     * plan), the catalogue's inputs it was made with, and the plan found, if any.
     */
    private static final Symbol LOOKUP = Symbol.create("urn:cipnet:keptPlan");

    private record Lookup(Query query, MemberCatalog.PlanInputs inputs, Plans.Kept kept) {}

    private FederationEngine(Query query, FederatedDataset dsg, Binding input, Context cxt) {
        super(query, dsg, input, kept(query, dsg, input, keepStars(cxt)));
        this.dataset = dsg;
        this.anyPredicate = query.isDescribeType();
        this.query = query;
    }

    private FederationEngine(Op op, FederatedDataset dsg, Binding input, Context cxt) {
        super(op, dsg, input, keepStars(cxt));
        this.dataset = dsg;
        this.anyPredicate = false;
        this.query = null;
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

    /**
     * The key under which a request's plan is kept: its text (set by the federator's query service)
     * and the LIMIT its query runs with. None for a query without text or run with bindings.
     */
    private static Plans.Key key(Query query, FederatedDataset dsg, Binding input) {
        QueryTrace trace = dsg.trace();
        if (trace == null || trace.text() == null || input != null && !input.isEmpty()) return null;
        return new Plans.Key(trace.text(), query.getLimit());
    }

    /** Looks for the plan kept for the query's key, made from the catalogue's inputs as they are now; the look goes into the context. */
    private static Context kept(Query query, FederatedDataset dsg, Binding input, Context cxt) {
        cxt.remove(LOOKUP);
        Plans.Key key = key(query, dsg, input);
        if (key == null) return cxt;
        dsg.catalog().prefetch(); // every member's statistics load at once, not one slow VoID after another
        MemberCatalog.PlanInputs inputs = dsg.catalog().planInputs();
        cxt.set(LOOKUP, new Lookup(query, inputs, dsg.plans().get(key, inputs)));
        return cxt;
    }

    /** This engine's look for a kept plan, or null (none made, or made for another query). */
    private Lookup lookup(Query q) {
        Lookup l = context.get(LOOKUP);
        return l != null && l.query() == q ? l : null;
    }

    /** A kept plan skips ARQ's compiling; the modify step then knows it by identity. */
    @Override
    protected Op createOp(Query query) {
        Lookup l = lookup(query);
        return l != null && l.kept() != null ? l.kept().plan() : super.createOp(query);
    }

    @Override
    protected Op modifyOp(Op op) {
        QueryTrace trace = trace(context);
        Lookup l = query == null ? null : lookup(query);
        if (l != null && l.kept() != null && l.kept().plan() == op) {
            trace.planKept();
            trace.plan(op);
            trace.predicates(l.kept().predicates());
            return op;
        }
        MemberCatalog catalog = dataset.catalog();
        // A query that looked for a kept plan has its key, and its inputs as read before this planning, from that look.
        Plans.Key key = l == null ? null : key(query, dataset, getStartBinding());
        if (l == null) catalog.prefetch();
        MemberCatalog.PlanInputs before = key == null ? null : l.inputs();
        Op optimized = super.modifyOp(op);
        Op planned = org.cipnet.sparql.CancellableRegex.apply(Planner.plan(optimized, catalog));
        java.util.Set<org.apache.jena.graph.Node> predicates = anyPredicate ? null : PlainMembers.predicates(optimized);
        if (key != null) dataset.plans().keep(key, before, catalog.planInputs(), planned, predicates, context);
        trace.plan(planned);
        trace.predicates(predicates);
        return planned;
    }

    @Override
    public QueryIterator eval(Op op, DatasetGraph dsg, Binding input, Context cxt) {
        QueryTrace trace = trace(cxt);
        trace.cancelSignal(Context.getOrSetCancelSignal(cxt));
        // The graph ARQ asks for triples (paths) must see this query's trace: the query's own copy of the dataset.
        FederatedDataset forQuery = dataset.trace() == trace ? dataset : dataset.forQuery(trace);
        ServiceExecutorRegistry registry = ServiceExecutorRegistry.createFrom(ServiceExecutorRegistry.get());
        registry.addBulkLink(dataset.executor());
        ServiceExecutorRegistry.set(cxt, registry);
        return new Checked(super.eval(op, forQuery, input, cxt), trace);
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

    /**
     * The engine's output: no row leaves while the query has been aborted (a member failure in strict
     * mode, a limit exceeded), even when ARQ swallowed the failure inside an expression; a stop by
     * ARQ's cancel signal is reported as its cause. Counts rows against the federator's result cap.
     */
    private static final class Checked extends QueryIteratorWrapper {
        private final QueryTrace trace;
        private long rows;

        Checked(QueryIterator it, QueryTrace trace) {
            super(it);
            this.trace = trace;
        }

        @Override
        protected boolean hasNextBinding() {
            try {
                boolean more = super.hasNextBinding();
                trace.check();
                return more;
            } catch (QueryCancelledException e) {
                trace.check();
                throw e;
            }
        }

        @Override
        protected Binding moveToNextBinding() {
            Binding b;
            try {
                b = super.moveToNextBinding();
            } catch (QueryCancelledException e) {
                trace.check();
                throw e;
            }
            trace.check();
            trace.countRow(++rows);
            return b;
        }
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
