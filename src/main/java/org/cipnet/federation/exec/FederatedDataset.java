package org.cipnet.federation.exec;

import org.apache.jena.sparql.core.DatasetGraphOne;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.util.Context;
import org.cipnet.federation.members.MemberCatalog;

/**
 * The federator's dataset: its default graph is the federation ({@link FederatedGraph}); it has no
 * named graphs. Queries over it are planned by {@link FederationEngine}. Each query runs over its
 * own copy ({@link #forQuery}), whose graph carries that query's trace; all copies share one context
 * (timeouts, join strategy).
 */
public final class FederatedDataset extends DatasetGraphWrapper {
    private final MemberCatalog catalog;
    private final StarExecutor executor;
    private final Context context;
    private final QueryTrace trace;
    private final Plans plans;

    /** The shared dataset: its graph, asked outside a query's own copy, gives each request a fresh trace. */
    public FederatedDataset(MemberCatalog catalog, StarExecutor executor) {
        this(catalog, executor, new Context(), null, new Plans());
    }

    private FederatedDataset(MemberCatalog catalog, StarExecutor executor, Context context, QueryTrace trace, Plans plans) {
        super(DatasetGraphOne.create(new FederatedGraph(executor, trace)));
        this.catalog = catalog;
        this.executor = executor;
        this.context = context;
        this.trace = trace;
        this.plans = plans;
    }

    /** The dataset for one query: the same federation, seen through that query's trace. */
    public FederatedDataset forQuery(QueryTrace trace) {
        return new FederatedDataset(catalog, executor, context, trace, plans);
    }

    @Override
    public Context getContext() { return context; }

    public MemberCatalog catalog() { return catalog; }

    public StarExecutor executor() { return executor; }

    /** The plans kept for request texts, shared by every copy. */
    Plans plans() { return plans; }

    /** The trace of the query this copy is for (null for the shared dataset). */
    QueryTrace trace() { return trace; }
}
