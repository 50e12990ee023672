package org.cipnet.federation.exec;

import org.apache.jena.sparql.core.DatasetGraphOne;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.cipnet.federation.members.MemberCatalog;

/**
 * The federator's dataset: its default graph is the federation ({@link FederatedGraph}); it has no
 * named graphs. Queries over it are planned by {@link FederationEngine}.
 */
public final class FederatedDataset extends DatasetGraphWrapper {
    private final MemberCatalog catalog;
    private final StarExecutor executor;

    public FederatedDataset(MemberCatalog catalog, StarExecutor executor) {
        super(DatasetGraphOne.create(new FederatedGraph(executor)));
        this.catalog = catalog;
        this.executor = executor;
    }

    public MemberCatalog catalog() { return catalog; }

    public StarExecutor executor() { return executor; }
}
