package org.cipnet.node;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.cipnet.vocab.CIP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TDB2 store of one national node. Every change is one write transaction: TDB2 commits it
 * whole or not at all, so readers see the old graph or the new one and a process killed mid-write
 * reopens with the old one.
 */
public final class NationalStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NationalStore.class);
    private static final Node VERSION_NUMBER = NodeFactory.createURI(CIP.versionNumber);
    private static final Node ADDED = NodeFactory.createURI(CIP.triplesAdded);
    private static final Node REMOVED = NodeFactory.createURI(CIP.triplesRemoved);
    private static final Node GRAPH_VERSION = NodeFactory.createURI(CIP.GraphVersion);
    private static final Node VOID_TRIPLES = NodeFactory.createURI("http://rdfs.org/ns/void#triples");

    /**
     * Fault injection for the crash test: with {@code -Dcipnet.crash-after-triples=N} the process
     * halts (no shutdown hooks, no commit) after writing N triples of a publication.
     */
    private static final long CRASH_AFTER = Long.getLong("cipnet.crash-after-triples", -1);

    private final String country;
    private final DatasetGraph dsg;
    private final int keepVersions;

    private NationalStore(String country, DatasetGraph dsg, int keepVersions) {
        this.country = country;
        this.dsg = dsg;
        this.keepVersions = keepVersions;
    }

    /** Opens (or creates) the TDB2 store in {@code dir}. */
    public static NationalStore open(String country, Path dir, int keepVersions) {
        return new NationalStore(country, DatabaseMgr.connectDatasetGraph(dir.toString()), keepVersions);
    }

    public String country() { return country; }

    /** The TDB2 dataset, for the query endpoint. */
    public DatasetGraph dataset() { return dsg; }

    /** Replaces the reference graph when it differs from the given one. */
    public void installReference(Graph reference) {
        dsg.executeWrite(() -> {
            Graph current = dsg.getGraph(GraphNames.REFERENCE);
            if (current.size() == reference.size() && current.isIsomorphicWith(reference)) return;
            current.clear();
            reference.find().forEachRemaining(current::add);
        });
    }

    public boolean isEmpty() {
        return dsg.calculateRead(() -> dsg.getDefaultGraph().isEmpty());
    }

    /** Triples in the national graph. */
    public long size() {
        return dsg.calculateRead(() -> (long) dsg.getDefaultGraph().size());
    }

    /** A copy of the current national graph. */
    public Graph current() {
        return dsg.calculateRead(() -> copy(dsg.getDefaultGraph()));
    }

    /** Makes {@code data} the national graph as the next version, committed unconditionally (a rollback, a test). */
    public Version replace(Graph data, String publisher, String note, VoidDescription describer) {
        return replace(data, publisher, note, describer, () -> true).orElseThrow();
    }

    /**
     * Makes {@code data} the national graph, records it as the next version and stores its VoID
     * description — all in one transaction, which commits only if {@code commit}, asked once
     * everything is written, says so (the gate's SHACL validation runs meanwhile); otherwise it is
     * aborted, nothing changes and the answer is empty.
     *
     * <p>The VoID statistics are counted on another thread meanwhile (the write is the publication's
     * critical path, the second core mostly SHACL's). One pass over {@code data} sorts its triples
     * into new and kept ones; only the difference from the previous version is written. What it takes to go back
     * to the previous version — the triples this one added and the ones it removed — is kept in two
     * hidden graphs, so a publication never copies the whole graph into a snapshot, and a first
     * publication (there is nothing to go back to) writes each triple once.
     */
    public Optional<Version> replace(Graph data, String publisher, String note, VoidDescription describer, BooleanSupplier commit) {
        dsg.begin(TxnType.WRITE);
        try {
            Graph national = dsg.getDefaultGraph();
            int number = latestNumber().orElse(0) + 1;
            // Version 1 has no previous version to go back to; with --keep-versions 1 nothing is kept.
            boolean undo = number > 1 && keepVersions > 1;
            Graph undoAdded = dsg.getGraph(GraphNames.undoAdded(country, number));
            Graph undoRemoved = dsg.getGraph(GraphNames.undoRemoved(country, number));
            VoidDescription.Counts counts = describer.counts();
            // Read only, like SHACL's reads beside it; the counts are this task's until it is joined.
            java.util.concurrent.CompletableFuture<Void> counting = java.util.concurrent.CompletableFuture.runAsync(
                    () -> data.find().forEachRemaining(counts::add));
            Progress progress = new Progress(country, data.size());
            long added, removed;
            if (national.isEmpty()) {
                IndexOrderWrite rows = new IndexOrderWrite(dsg, data.size());
                for (var it = data.find(); it.hasNext(); ) {
                    Triple t = it.next();
                    rows.add(t);
                    if (undo) undoAdded.add(t);
                }
                rows.write(progress::written);
                added = data.size();
                removed = 0;
            } else {
                Change change = Change.between(national, data);
                for (Triple t : change.removed()) {
                    national.delete(t);
                    if (undo) undoRemoved.add(t);
                }
                IndexOrderWrite rows = new IndexOrderWrite(dsg, change.added().size());
                for (Triple t : change.added()) {
                    rows.add(t);
                    if (undo) undoAdded.add(t);
                }
                rows.write(progress::written);
                added = change.added().size();
                removed = change.removed().size();
            }
            Version v = new Version(number, Instant.now(), publisher, data.size(), added, removed, note);
            record(v);
            if (undo) dsg.getGraph(GraphNames.versions(country)).add(GraphNames.version(country, number), RDFS.seeAlso.asNode(), GraphNames.undo(country, number));
            prune(number);

            Graph voidGraph = dsg.getGraph(GraphNames.voidGraph(country));
            voidGraph.clear();
            Joined.join(counting);
            describer.describe(counts).find().forEachRemaining(voidGraph::add);
            if (!commit.getAsBoolean()) {
                dsg.abort();
                return Optional.empty();
            }
            dsg.commit();
            progress.done(v);
            return Optional.of(v);
        } catch (RuntimeException | Error e) {
            dsg.abort();
            throw e;
        } finally {
            dsg.end();
        }
    }

    /** Log lines while a large publication is written, so an operator sees it move. */
    private static final class Progress {
        private static final long EVERY = 250_000;
        private final String country;
        private final long total;
        private final long start = System.nanoTime();
        private long written;

        Progress(String country, long total) {
            this.country = country;
            this.total = total;
        }

        /** One more triple written (the crash test's halt comes here, inside the write transaction). */
        void written() {
            if (++written % EVERY == 0)
                LOG.info("node {}: {} of {} triples written ({} s)", country, String.format("%,d", written), String.format("%,d", total), seconds());
            if (written == CRASH_AFTER) Runtime.getRuntime().halt(137);
        }

        void done(Version v) {
            if (total >= EVERY)
                LOG.info("node {}: version {} committed: {} triples, +{} -{} ({} s in the store)", country, v.number(),
                        String.format("%,d", v.triples()), v.added(), v.removed(), seconds());
        }

        private String seconds() {
            return String.format("%.1f", (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * The triples a publication adds and removes. Blank nodes get new labels in every parse, so
     * triples with blank nodes are compared as one subgraph: unchanged when the old and the new
     * one are isomorphic (the stored ones then stay), otherwise all old ones are removed and all
     * new ones added. IRI-only triples are compared one by one.
     */
    record Change(List<Triple> added, List<Triple> removed) {
        static Change between(Graph before, Graph after) {
            Graph oldBlank = GraphFactory.createDefaultGraph(), newBlank = GraphFactory.createDefaultGraph();
            Set<Triple> oldGround = new HashSet<>();
            before.find().forEachRemaining(t -> { if (hasBlank(t)) oldBlank.add(t); else oldGround.add(t); });
            List<Triple> added = new ArrayList<>();
            for (var it = after.find(); it.hasNext(); ) {
                Triple t = it.next();
                if (hasBlank(t)) newBlank.add(t);
                else if (!oldGround.remove(t)) added.add(t);
            }
            List<Triple> removed = new ArrayList<>(oldGround);
            if (!(oldBlank.size() == newBlank.size() && oldBlank.isIsomorphicWith(newBlank))) {
                newBlank.find().forEachRemaining(added::add);
                oldBlank.find().forEachRemaining(removed::add);
            }
            return new Change(added, removed);
        }

        private static boolean hasBlank(Triple t) {
            return t.getSubject().isBlank() || t.getObject().isBlank();
        }
    }

    /**
     * The graph of version {@code n}, if it is still kept: the current graph with the kept changes
     * of every later version undone, newest first.
     */
    public Optional<Graph> snapshot(int n) {
        return dsg.calculateRead(() -> {
            int latest = latestNumber().orElse(0);
            if (!isKept(n, latest)) return Optional.<Graph>empty();
            Graph g = copy(dsg.getDefaultGraph());
            for (int j = latest; j > n; j--) {
                dsg.getGraph(GraphNames.undoAdded(country, j)).find().forEachRemaining(g::delete);
                dsg.getGraph(GraphNames.undoRemoved(country, j)).find().forEachRemaining(g::add);
            }
            return Optional.of(g);
        });
    }

    /** Every recorded version, oldest first (the oldest may no longer be kept for rollback). */
    public List<Version> versions() {
        return dsg.calculateRead(() -> {
            Graph log = dsg.getGraph(GraphNames.versions(country));
            List<Version> out = new ArrayList<>();
            log.find(Node.ANY, RDF.type.asNode(), GRAPH_VERSION).forEachRemaining(t -> out.add(read(log, t.getSubject())));
            out.sort(Comparator.comparingInt(Version::number));
            return out;
        });
    }

    /** Whether version {@code n} can still be made current again by a rollback. */
    public boolean kept(int n) {
        return dsg.calculateRead(() -> isKept(n, latestNumber().orElse(0)));
    }

    /** The latest version is the graph itself; an older one while every later version's changes are kept. */
    private boolean isKept(int n, int latest) {
        if (n < 1 || n > latest) return false;
        Graph log = dsg.getGraph(GraphNames.versions(country));
        for (int j = latest; j > n; j--)
            if (!log.contains(GraphNames.version(country, j), RDFS.seeAlso.asNode(), GraphNames.undo(country, j))) return false;
        return true;
    }

    /** The current VoID description. */
    public Graph voidDescription() {
        return dsg.calculateRead(() -> copy(dsg.getGraph(GraphNames.voidGraph(country))));
    }

    /** A VoID description and the version it describes (written in the same transaction). */
    public record Described(Version version, Graph description) {}

    /** The current VoID description with its version, read together; empty before the first publication. */
    public Optional<Described> describedVersion() {
        return dsg.calculateRead(() -> latestVersion().map(v -> new Described(v, copy(dsg.getGraph(GraphNames.voidGraph(country))))));
    }

    /** The current version, if anything was published: cheaper than {@link #versions()}, which reads them all. */
    public Optional<Version> latest() {
        return dsg.calculateRead(this::latestVersion);
    }

    private Optional<Version> latestVersion() {
        return latestNumber().map(n -> read(dsg.getGraph(GraphNames.versions(country)), GraphNames.version(country, n)));
    }

    private Optional<Integer> latestNumber() {
        Graph log = dsg.getGraph(GraphNames.versions(country));
        return log.find(Node.ANY, VERSION_NUMBER, Node.ANY).toList().stream()
                .map(t -> ((Number) t.getObject().getLiteralValue()).intValue()).max(Integer::compare);
    }

    private void record(Version v) {
        Graph log = dsg.getGraph(GraphNames.versions(country));
        Node s = GraphNames.version(country, v.number());
        log.add(s, RDF.type.asNode(), GRAPH_VERSION);
        log.add(s, VERSION_NUMBER, NodeFactory.createLiteralDT(Integer.toString(v.number()), XSDDatatype.XSDinteger));
        log.add(s, DCTerms.created.asNode(), NodeFactory.createLiteralDT(v.time().toString(), XSDDatatype.XSDdateTime));
        log.add(s, DCTerms.creator.asNode(), NodeFactory.createLiteralString(v.publisher()));
        log.add(s, VOID_TRIPLES, NodeFactory.createLiteralDT(Long.toString(v.triples()), XSDDatatype.XSDinteger));
        log.add(s, ADDED, NodeFactory.createLiteralDT(Long.toString(v.added()), XSDDatatype.XSDinteger));
        log.add(s, REMOVED, NodeFactory.createLiteralDT(Long.toString(v.removed()), XSDDatatype.XSDinteger));
        log.add(s, RDFS.comment.asNode(), NodeFactory.createLiteralString(v.note()));
    }

    /** Drops the changes no kept version needs: going back to the oldest kept one undoes only later versions. */
    private void prune(int latest) {
        Graph log = dsg.getGraph(GraphNames.versions(country));
        for (int j = latest - keepVersions + 1; j >= 2; j--) {
            Node v = GraphNames.version(country, j), undo = GraphNames.undo(country, j);
            if (!log.contains(v, RDFS.seeAlso.asNode(), undo)) continue;
            log.delete(Triple.create(v, RDFS.seeAlso.asNode(), undo));
            dsg.removeGraph(GraphNames.undoAdded(country, j));
            dsg.removeGraph(GraphNames.undoRemoved(country, j));
        }
    }

    private static Version read(Graph log, Node s) {
        return new Version(intOf(log, s, VERSION_NUMBER),
                Instant.parse(lexical(log, s, DCTerms.created.asNode())),
                lexical(log, s, DCTerms.creator.asNode()),
                intOf(log, s, VOID_TRIPLES), intOf(log, s, ADDED), intOf(log, s, REMOVED),
                lexical(log, s, RDFS.comment.asNode()));
    }

    private static String lexical(Graph g, Node s, Node p) {
        var ts = g.find(s, p, Node.ANY).toList();
        return ts.isEmpty() ? "" : ts.get(0).getObject().getLiteralLexicalForm();
    }

    private static int intOf(Graph g, Node s, Node p) {
        String lex = lexical(g, s, p);
        return lex.isEmpty() ? 0 : Integer.parseInt(lex);
    }

    static Graph copy(Graph g) {
        Graph out = GraphFactory.createDefaultGraph();
        g.find().forEachRemaining(out::add);
        return out;
    }

    @Override
    public void close() {
        org.apache.jena.tdb2.sys.TDBInternal.expel(dsg);
    }
}
