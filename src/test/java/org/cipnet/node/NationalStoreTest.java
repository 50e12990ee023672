package org.cipnet.node;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.testing.Checkout;
import org.cipnet.vocab.CIP;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on real TDB2: a publication writes only its difference from the previous version and
 * keeps what undoes it, rollback rebuilds any kept version exactly, and the VoID statistics counted
 * in the writing pass equal a recount of the stored graph.
 */
class NationalStoreTest {
    @TempDir
    Path dir;

    Graph original;
    VoidDescription describer;

    @BeforeEach
    void load() throws Exception {
        original = GraphFactory.createDefaultGraph();
        for (Path f : RdfFiles.collect(List.of(Checkout.files().data().resolve("no")))) RdfFiles.read(f, original);
        Graph reference = Checkout.validator().reference();
        describer = new VoidDescription("no", "http://localhost/no/sparql", n -> reference.contains(n, Node.ANY, Node.ANY));
    }

    /** {@code base} with one more alias on a cluster organisation. */
    private Graph edited(Graph base, String alias) {
        Graph g = copy(base);
        Node co = g.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).next().getSubject();
        g.add(Triple.create(co, SKOS.altLabel.asNode(), NodeFactory.createLiteralLang(alias, "en")));
        return g;
    }

    @Test
    void aFirstPublicationWritesNoCopyAndARepublicationOnlyItsDifference() {
        try (NationalStore store = NationalStore.open("no", dir, 20)) {
            store.replace(original, "a", "publish", describer);
            store.dataset().executeRead(() -> {
                assertFalse(store.dataset().containsGraph(GraphNames.undoAdded("no", 1)), "version 1 has nothing to go back to");
                assertFalse(store.dataset().containsGraph(GraphNames.undoRemoved("no", 1)));
            });
            Graph next = edited(original, "Alias one");
            Node co = next.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(CIP.ClusterOrganisation)).next().getSubject();
            Triple dropped = next.find(co, SKOS.prefLabel.asNode(), Node.ANY).next();
            next.delete(dropped);
            Version v2 = store.replace(next, "a", "publish", describer);
            assertEquals(1, v2.added());
            assertEquals(1, v2.removed());
            store.dataset().executeRead(() -> {
                assertEquals(1, store.dataset().getGraph(GraphNames.undoAdded("no", 2)).size(), "only the added alias is kept to undo");
                assertTrue(store.dataset().getGraph(GraphNames.undoRemoved("no", 2)).contains(dropped), "and the dropped label to restore");
                assertEquals(1, store.dataset().getGraph(GraphNames.undoRemoved("no", 2)).size());
            });
            assertTrue(store.current().isIsomorphicWith(next));
        }
    }

    @Test
    void rollbackRebuildsEveryKeptVersionExactlyAndPrunesTheRest() {
        try (NationalStore store = NationalStore.open("no", dir, 3)) {
            Graph v1 = original, v2 = edited(v1, "Alias one"), v3 = edited(v2, "Alias two");
            // Version 4 drops every blank node (the intervals), so going back must restore them.
            Graph v4 = GraphFactory.createDefaultGraph();
            v3.find().forEachRemaining(t -> { if (!t.getSubject().isBlank() && !t.getObject().isBlank()) v4.add(t); });
            assertTrue(v4.size() < v3.size(), "the Norwegian graph has blank nodes");
            for (Graph g : List.of(v1, v2, v3, v4)) store.replace(g, "a", "publish", describer);

            assertTrue(store.snapshot(4).orElseThrow().isIsomorphicWith(v4));
            assertTrue(store.snapshot(3).orElseThrow().isIsomorphicWith(v3));
            assertTrue(store.snapshot(2).orElseThrow().isIsomorphicWith(v2));
            assertFalse(store.kept(1), "three versions are kept: 2, 3 and 4");
            assertTrue(store.snapshot(1).isEmpty());
            store.dataset().executeRead(() -> assertFalse(store.dataset().containsGraph(GraphNames.undoAdded("no", 2)),
                    "the changes of version 2 are needed only to reach version 1, which is no longer kept"));

            // A rollback is a new version, and itself undoable.
            store.replace(store.snapshot(2).orElseThrow(), "a", "rollback to 2", describer);
            assertTrue(store.current().isIsomorphicWith(v2));
            assertTrue(store.snapshot(4).orElseThrow().isIsomorphicWith(v4));
            assertEquals(List.of(3, 4, 5), store.versions().stream().filter(v -> store.kept(v.number())).map(Version::number).toList());
        }
    }

    @Test
    void anAbortedPublicationChangesNothing() {
        try (NationalStore store = NationalStore.open("no", dir, 20)) {
            store.replace(original, "a", "publish", describer);
            Graph voidBefore = store.voidDescription();
            assertTrue(store.replace(edited(original, "Never stored"), "a", "publish", describer, () -> false).isEmpty());
            assertTrue(store.current().isIsomorphicWith(original));
            assertEquals(1, store.versions().size());
            assertTrue(store.voidDescription().isIsomorphicWith(voidBefore));
            assertFalse(store.kept(2));
        }
    }

    @Test
    void voidCountedInThePassEqualsARecount() {
        try (NationalStore store = NationalStore.open("no", dir, 20)) {
            store.replace(original, "a", "publish", describer);
            assertTrue(withoutTime(describer.describe(store.current())).isIsomorphicWith(withoutTime(store.voidDescription())),
                    "after the first publication");
            store.replace(edited(original, "Alias one"), "a", "publish", describer);
            assertTrue(withoutTime(describer.describe(store.current())).isIsomorphicWith(withoutTime(store.voidDescription())),
                    "after a republication (kept blank nodes, one new triple) too");
        }
    }

    /**
     * A publication's rows go into TDB2's indexes one index at a time, each in its own key order
     * ({@link IndexOrderWrite}); a find by subject, by predicate and by object each reads a different
     * index, so all three must give back exactly the published triples.
     */
    @Test
    void everyIndexHoldsThePublishedTriples() {
        try (NationalStore store = NationalStore.open("no", dir, 20)) {
            store.replace(original, "a", "publish", describer);
            assertEveryIndexHolds(store, original, "after the first publication");
            Graph next = edited(original, "Alias one");
            store.replace(next, "a", "publish", describer);
            assertEveryIndexHolds(store, next, "after a republication");
        }
    }

    private static void assertEveryIndexHolds(NationalStore store, Graph expected, String when) {
        store.dataset().executeRead(() -> {
            Graph stored = store.dataset().getDefaultGraph();
            assertEquals(expected.size(), stored.size(), when);
            // Blank nodes keep their labels in TDB2 but a republication keeps the old ones: match the stored graph's own.
            Graph mine = store.current();
            assertTrue(mine.isIsomorphicWith(expected), when);
            Set<Node> subjects = new HashSet<>(), predicates = new HashSet<>(), objects = new HashSet<>();
            mine.find().forEachRemaining(t -> { subjects.add(t.getSubject()); predicates.add(t.getPredicate()); objects.add(t.getObject()); });
            for (Node s : subjects) assertEquals(mine.find(s, Node.ANY, Node.ANY).toSet(), stored.find(s, Node.ANY, Node.ANY).toSet(), when + ": by subject " + s);
            for (Node p : predicates) assertEquals(mine.find(Node.ANY, p, Node.ANY).toSet(), stored.find(Node.ANY, p, Node.ANY).toSet(), when + ": by predicate " + p);
            for (Node o : objects) assertEquals(mine.find(Node.ANY, Node.ANY, o).toSet(), stored.find(Node.ANY, Node.ANY, o).toSet(), when + ": by object " + o);
        });
    }

    private static Graph withoutTime(Graph g) {
        Graph out = copy(g);
        out.remove(Node.ANY, DCTerms.modified.asNode(), Node.ANY);
        return out;
    }

    private static Graph copy(Graph g) {
        Graph out = GraphFactory.createDefaultGraph();
        g.find().forEachRemaining(out::add);
        return out;
    }
}
