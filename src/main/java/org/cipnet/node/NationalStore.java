package org.cipnet.node;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.cipnet.vocab.CIP;

/**
 * The TDB2 store of one national node. Every change is one write transaction: TDB2 commits it
 * whole or not at all, so readers see the old graph or the new one and a process killed mid-write
 * reopens with the old one.
 */
public final class NationalStore implements AutoCloseable {
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

    /** A copy of the current national graph. */
    public Graph current() {
        return dsg.calculateRead(() -> copy(dsg.getDefaultGraph()));
    }

    /**
     * Makes {@code data} the national graph, records it as the next version and stores the
     * description {@code describe} computes from it — all in one transaction.
     */
    public Version replace(Graph data, String publisher, String note, Function<Graph, Graph> describe) {
        return dsg.calculateWrite(() -> {
            Graph national = dsg.getDefaultGraph();
            Change change = Change.between(national, data);
            national.clear();
            long written = 0;
            for (var it = data.find(); it.hasNext(); ) {
                national.add(it.next());
                if (++written == CRASH_AFTER) Runtime.getRuntime().halt(137);
            }

            int number = latestNumber().orElse(0) + 1;
            Graph snapshot = dsg.getGraph(GraphNames.snapshot(country, number));
            data.find().forEachRemaining(snapshot::add);
            Version v = new Version(number, Instant.now(), publisher, data.size(), change.added(), change.removed(), note);
            record(v);
            prune(number);

            Graph voidGraph = dsg.getGraph(GraphNames.voidGraph(country));
            voidGraph.clear();
            describe.apply(data).find().forEachRemaining(voidGraph::add);
            return v;
        });
    }

    /**
     * Triples added and removed by a publication. Blank nodes get new labels in every parse, so
     * triples with blank nodes are compared as one subgraph: unchanged when the old and the new
     * one are isomorphic, otherwise all of them count as removed and added. IRI-only triples are
     * compared one by one.
     */
    record Change(long added, long removed) {
        static Change between(Graph before, Graph after) {
            Graph oldBlank = GraphFactory.createDefaultGraph(), newBlank = GraphFactory.createDefaultGraph();
            Set<Triple> oldGround = new HashSet<>();
            before.find().forEachRemaining(t -> { if (hasBlank(t)) oldBlank.add(t); else oldGround.add(t); });
            long added = 0;
            for (var it = after.find(); it.hasNext(); ) {
                Triple t = it.next();
                if (hasBlank(t)) newBlank.add(t);
                else if (!oldGround.remove(t)) added++;
            }
            long removed = oldGround.size();
            if (!(oldBlank.size() == newBlank.size() && oldBlank.isIsomorphicWith(newBlank))) {
                added += newBlank.size();
                removed += oldBlank.size();
            }
            return new Change(added, removed);
        }

        private static boolean hasBlank(Triple t) {
            return t.getSubject().isBlank() || t.getObject().isBlank();
        }
    }

    /** The kept snapshot of version {@code n}, if it is still kept. */
    public Optional<Graph> snapshot(int n) {
        return dsg.calculateRead(() -> {
            if (!dsg.containsGraph(GraphNames.snapshot(country, n))) return Optional.<Graph>empty();
            return Optional.of(copy(dsg.getGraph(GraphNames.snapshot(country, n))));
        });
    }

    /** Every recorded version, oldest first (snapshots of the oldest may have been pruned). */
    public List<Version> versions() {
        return dsg.calculateRead(() -> {
            Graph log = dsg.getGraph(GraphNames.versions(country));
            List<Version> out = new ArrayList<>();
            log.find(Node.ANY, RDF.type.asNode(), GRAPH_VERSION).forEachRemaining(t -> out.add(read(log, t.getSubject())));
            out.sort(Comparator.comparingInt(Version::number));
            return out;
        });
    }

    /** Whether the snapshot of version {@code n} is still kept for rollback. */
    public boolean kept(int n) {
        return dsg.calculateRead(() -> dsg.containsGraph(GraphNames.snapshot(country, n)));
    }

    /** The current VoID description. */
    public Graph voidDescription() {
        return dsg.calculateRead(() -> copy(dsg.getGraph(GraphNames.voidGraph(country))));
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

    private void prune(int latest) {
        for (int n = latest - keepVersions; n >= 1; n--) {
            Node g = GraphNames.snapshot(country, n);
            if (!dsg.containsGraph(g)) break;
            dsg.removeGraph(g);
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
