package org.cipnet.sparql;

import java.util.Iterator;

import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.Context;

/**
 * A query execution whose CONSTRUCT and DESCRIBE answers hold at most {@code cap} triples. The
 * LIMIT that {@link ResultCap#apply} sets counts solutions, and one solution can make many triples
 * (a template of several triples, a DESCRIBE of a resource with thousands): this counts what is sent.
 */
public final class CappedQueryExec implements QueryExec {
    private final QueryExec exec;
    private final long cap;

    public CappedQueryExec(QueryExec exec, long cap) {
        this.exec = exec;
        this.cap = cap;
    }

    @Override
    public DatasetGraph constructDataset(DatasetGraph dataset) {
        long n = 0;
        for (Iterator<Quad> it = exec.constructQuads(); it.hasNext() && n < cap; ) {
            Quad q = it.next();
            if (!dataset.contains(q)) {
                dataset.add(q);
                n++;
            }
        }
        return dataset;
    }

    @Override
    public Graph construct(Graph graph) {
        return copyCapped(exec.constructTriples(), graph);
    }

    @Override
    public Graph describe(Graph graph) {
        Graph all = exec.describe(GraphFactory.createDefaultGraph());
        graph.getPrefixMapping().setNsPrefixes(all.getPrefixMapping());
        return copyCapped(all.find(), graph);
    }

    private Graph copyCapped(Iterator<Triple> triples, Graph into) {
        long n = 0;
        while (triples.hasNext() && n < cap) {
            Triple t = triples.next();
            if (!into.contains(t)) {
                into.add(t);
                n++;
            }
        }
        return into;
    }

    @Override public Iterator<Triple> constructTriples() { return construct(GraphFactory.createDefaultGraph()).find(); }
    @Override public Iterator<Quad> constructQuads() { return constructDataset(org.apache.jena.sparql.core.DatasetGraphFactory.create()).find(); }
    @Override public Iterator<Triple> describeTriples() { return describe(GraphFactory.createDefaultGraph()).find(); }
    @Override public DatasetGraph getDataset() { return exec.getDataset(); }
    @Override public Context getContext() { return exec.getContext(); }
    @Override public Query getQuery() { return exec.getQuery(); }
    @Override public String getQueryString() { return exec.getQueryString(); }
    @Override public RowSet select() { return exec.select(); }
    @Override public boolean ask() { return exec.ask(); }
    @Override public JsonArray execJson() { return exec.execJson(); }
    @Override public Iterator<JsonObject> execJsonItems() { return exec.execJsonItems(); }
    @Override public void abort() { exec.abort(); }
    @Override public void close() { exec.close(); }
    @Override public boolean isClosed() { return exec.isClosed(); }
}
