package org.cipnet.node;

import java.util.List;

import org.apache.jena.fuseki.access.SecurityContextView;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpDatasetNames;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFilteredView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.tdb2.DatabaseMgr;
import org.cipnet.sparql.QueryOps;

/**
 * The one place that decides which graphs a query on the public endpoint may see: the national
 * (default) graph and the reference graph. The version log and the snapshots kept for rollback
 * share the TDB2 store, so that a publication is one transaction, and must stay invisible to every
 * query form.
 *
 * <p>A query whose every {@code GRAPH} names a public graph runs on TDB2 itself (with TDB2's quad
 * filter as well): its patterns and paths only ever read those graphs. Anything that can reach
 * other graphs — {@code GRAPH ?g}, {@code GRAPH <other>}, and {@code DESCRIBE}, whose handler looks
 * for the resource in every named graph of the dataset it runs on, and paths, which read graphs
 * directly and so bypass TDB2's quad filter — runs over a read-only view that holds the public graphs only.
 */
final class PublicGraphs {
    private PublicGraphs() {}

    /** The public named graphs. */
    static final List<Node> NAMED = List.of(GraphNames.REFERENCE);

    private static final SecurityContextView TDB_FILTER = new SecurityContextView(List.of(Quad.defaultGraphIRI, GraphNames.REFERENCE));

    /** Whether a query may read the graph named {@code g} (the default graph or a public named graph). */
    static boolean isPublic(Node g) {
        return Quad.isDefaultGraph(g) || NAMED.contains(g);
    }

    /** The dataset {@code query} runs on: the store itself when it names public graphs only, else the public view. */
    static DatasetGraph datasetFor(Query query, DatasetGraph store) {
        return readsOnlyPublicGraphs(query) ? store : view(store);
    }

    /** Adds TDB2's quad filter to an execution on the store itself. */
    static void filter(DatasetGraph dataset, QueryExec exec) {
        if (DatabaseMgr.isTDB2(dataset)) TDB_FILTER.filterTDB(dataset, exec);
    }

    /** A read-only view of {@code store} that holds the public graphs and nothing else. */
    static DatasetGraph view(DatasetGraph store) {
        return new DatasetGraphFilteredView(store, q -> isPublic(q.getGraph()), NAMED);
    }

    private static boolean readsOnlyPublicGraphs(Query query) {
        if (query.isDescribeType()) return false;
        for (Op op : QueryOps.all(query)) {
            if (op instanceof OpDatasetNames) return false;
            if (op instanceof OpGraph g && !(g.getNode().isURI() && isPublic(g.getNode()))) return false;
        }
        return true;
    }
}
