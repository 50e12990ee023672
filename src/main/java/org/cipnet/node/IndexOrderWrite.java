package org.cipnet.node;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Triples new to a TDB2 store's default graph, written inside the caller's write transaction one
 * index at a time, each index's rows in that index's own key order. A B+tree filled in key order
 * inserts next to the record it inserted last; the same rows in triple order land all over every
 * index, and each insert shifts the records after it in its leaf and touches a leaf of its own (the
 * three index inserts were 31 % of the gate's CPU in a JFR profile of {@code cipnet bench}, most of
 * that shifting and page lookups).
 *
 * <p>The store ends up holding what {@code Graph.add} for each triple would leave: node ids are
 * allocated in the same order (subject, predicate, object, triple by triple) and every index gets
 * the same rows. Only valid for triples the graph does not hold yet, each given once.
 */
final class IndexOrderWrite {
    private final NodeTable nodes;
    private final TupleIndex[] indexes;
    private final ByteBuffer encoded = ByteBuffer.allocate(NodeId.SIZE);
    /**
     * The ids given so far: a node recurs in many triples, and the node table answers a repeat through
     * its shared cache, whose upkeep on every hit cost more than a map of the publication's own (one
     * entry per distinct node, each a node the publication's graph holds anyway).
     */
    private final Map<Node, NodeId> given = new HashMap<>();
    private NodeId[] ids;
    /** Each id as the index records hold it, read as one unsigned number: records compare as these do. */
    private long[] keys;
    private int rows;

    IndexOrderWrite(DatasetGraph dsg, int expected) {
        var table = TDBInternal.getDatasetGraphTDB(dsg).getTripleTable().getNodeTupleTable();
        this.nodes = table.getNodeTable();
        this.indexes = table.getTupleTable().getIndexes();
        this.ids = new NodeId[3 * Math.max(expected, 16)];
        this.keys = new long[ids.length];
    }

    /** Gives the triple's nodes their ids now, as adding it to the graph would; its index rows wait for {@link #write}. */
    void add(Triple t) {
        if (3 * rows + 3 > ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
            keys = Arrays.copyOf(keys, ids.length);
        }
        id(3 * rows, idOf(t.getSubject()));
        id(3 * rows + 1, idOf(t.getPredicate()));
        id(3 * rows + 2, idOf(t.getObject()));
        rows++;
    }

    /** The node's id, allocated when it is new, as {@code Graph.add} would at this point. */
    private NodeId idOf(Node n) {
        NodeId id = given.get(n);
        if (id == null) {
            id = nodes.getAllocateNodeId(n);
            given.put(n, id);
        }
        return id;
    }

    private void id(int slot, NodeId id) {
        ids[slot] = id;
        NodeIdFactory.set(id, encoded, 0);
        keys[slot] = encoded.getLong(0);
    }

    int rows() {
        return rows;
    }

    /**
     * Adds the rows to every index; {@code each} runs once per row of the first index, as that row is
     * added. The next index's order is sorted on another thread while this one is written: the
     * inserts must stay on the write transaction's thread, the sort need not.
     */
    void write(Runnable each) {
        List<TupleIndex> present = Arrays.stream(indexes).filter(java.util.Objects::nonNull).toList();
        java.util.concurrent.CompletableFuture<int[]> next = present.isEmpty() ? null
                : java.util.concurrent.CompletableFuture.completedFuture(sorted(present.get(0)));
        for (int i = 0; i < present.size(); i++) {
            int[] sorted = Joined.join(next);
            if (i + 1 < present.size()) {
                TupleIndex following = present.get(i + 1);
                next = java.util.concurrent.CompletableFuture.supplyAsync(() -> sorted(following));
            }
            TupleIndex index = present.get(i);
            for (int r : sorted) {
                index.add(TupleFactory.create3(ids[3 * r], ids[3 * r + 1], ids[3 * r + 2]));
                if (i == 0) each.run();
            }
        }
    }

    /** The row numbers in the order of this index's records (S, P, O for SPO; P, O, S for POS); reads only. */
    private int[] sorted(TupleIndex index) {
        Tuple<Integer> order = index.getMapping().map(TupleFactory.create3(0, 1, 2));
        int[] sorted = new int[rows];
        for (int r = 0; r < rows; r++) sorted[r] = r;
        sort(sorted, new int[rows], 0, rows, order.get(0), order.get(1), order.get(2));
        return sorted;
    }

    /**
     * Sorts {@code rows[from, to)} by their ids in slots a, b, c, with {@code spare} as room to merge
     * in: a merge sort on row numbers, since sorting boxed row numbers cost as much as it saved.
     */
    private void sort(int[] rows, int[] spare, int from, int to, int a, int b, int c) {
        if (to - from < 2) return;
        int mid = (from + to) >>> 1;
        sort(rows, spare, from, mid, a, b, c);
        sort(rows, spare, mid, to, a, b, c);
        if (compare(rows[mid - 1], rows[mid], a, b, c) <= 0) return;
        System.arraycopy(rows, from, spare, from, to - from);
        for (int i = from, l = from, r = mid; i < to; i++)
            rows[i] = r >= to || (l < mid && compare(spare[l], spare[r], a, b, c) <= 0) ? spare[l++] : spare[r++];
    }

    private int compare(int x, int y, int a, int b, int c) {
        int d = Long.compareUnsigned(keys[3 * x + a], keys[3 * y + a]);
        if (d == 0) d = Long.compareUnsigned(keys[3 * x + b], keys[3 * y + b]);
        if (d == 0) d = Long.compareUnsigned(keys[3 * x + c], keys[3 * y + c]);
        return d;
    }
}
