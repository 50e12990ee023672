package org.cipnet.federation.exec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.vocabulary.RDF;
import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberCatalog;
import org.cipnet.federation.planner.Markers;
import org.cipnet.federation.planner.Star;

/**
 * Source selection by a bound object (issue 17): which members hold a triple {@code ?s <p> <o>}
 * for the constant, non-class objects the plan's stars require ({@code cip:country <…/NOR>}),
 * which VoID partitions cannot tell. Asked once per query, at the first star it runs: one request
 * per member for all of them, to all members at once, and only for the constants the plan itself
 * holds — a star ARQ re-evaluates per row with values substituted (inside EXISTS or a bound
 * OPTIONAL) would otherwise send a probe per row. Answers are kept by the catalogue.
 */
final class ObjectProbes {
    private ObjectProbes() {}

    /** Starts the query's probes at its first star and waits for them; later stars find them done. */
    static void once(MemberCatalog catalog, MemberClient client, ExecutorService pool, QueryTrace trace) {
        CompletableFuture<Void> all = trace.objectProbes(() -> start(catalog, client, pool, patterns(trace.plan()), trace));
        try {
            trace.await(all);
        } catch (ExecutionException e) {
            // A failed probe keeps no answer, so the member may hold them: its failure is in the trace already.
        }
    }

    private static CompletableFuture<Void> start(MemberCatalog catalog, MemberClient client, ExecutorService pool, List<Triple> patterns, QueryTrace trace) {
        if (patterns.isEmpty()) return CompletableFuture.completedFuture(null);
        List<CompletableFuture<Void>> probing = new ArrayList<>();
        for (Member m : catalog.contractMembers())
            if (!trace.hasFailed(m.id()))
                probing.add(CompletableFuture.runAsync(() -> catalog.probeObjects(m, patterns, client.probe(trace)), pool));
        return CompletableFuture.allOf(probing.toArray(CompletableFuture[]::new));
    }

    /** The required triples of the plan's stars with an IRI or literal object, other than {@code rdf:type}. */
    static List<Triple> patterns(Op plan) {
        Set<Triple> out = new LinkedHashSet<>();
        if (plan == null) return List.of();
        OpWalker.walk(plan, new OpVisitorBase() {
            @Override
            public void visit(OpService s) {
                Node service = s.getService();
                if (!Markers.STAR.equals(service) && !Markers.OPTIONAL_STAR.equals(service) && !Markers.AGGREGATE.equals(service)) return;
                Star star = Star.of(s.getSubOp() instanceof OpGroup g ? g.getSubOp() : s.getSubOp());
                if (star == null) return;
                for (Triple t : star.triples())
                    if (t.getPredicate().isURI() && !t.getPredicate().equals(RDF.type.asNode())
                            && (t.getObject().isURI() || t.getObject().isLiteral())) out.add(t);
            }
        });
        return List.copyOf(out);
    }
}
