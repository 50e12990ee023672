package org.cipnet.federation.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.algebra.op.OpTriple;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.sparql.path.P_Mod;
import org.apache.jena.sparql.path.P_Path1;
import org.apache.jena.sparql.path.P_ZeroOrMore1;
import org.apache.jena.sparql.path.P_ZeroOrMoreN;
import org.apache.jena.sparql.path.P_ZeroOrOne;
import org.apache.jena.sparql.path.P_Path2;
import org.apache.jena.sparql.path.P_ReverseLink;
import org.apache.jena.sparql.path.Path;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberCatalog;

/**
 * The data of members that have not declared the ownership contract ({@link Member#contract()}),
 * read at the federator once per query. Such a member may spread a subject's triples over several
 * members, give blank nodes new labels in every answer, and cannot be asked about a blank node by
 * label: so whatever of its data the query may touch (the triples with the query's predicates, or
 * all of them when a predicate is a variable) comes in one request, one answer in which its blank
 * nodes are consistent, and the query's patterns over it are evaluated here, together with the
 * reference graph, as one graph. A triple that several of them (or the reference graph) hold is
 * then counted once, as in one store.
 */
final class PlainMembers {
    /** The most triples read from one plain member for one query; beyond it the query fails, naming the member. */
    static final long SNAPSHOT_MAX = 500_000;

    private static final Var S = Var.alloc("s"), P = Var.alloc("p"), O = Var.alloc("o");

    private PlainMembers() {}

    /**
     * The predicates a planned query may match in data (paths and EXISTS included), or null when it
     * may match any (a variable predicate, a negated property set, DESCRIBE).
     */
    static Set<Node> predicates(Op op) {
        Set<Node> out = new java.util.HashSet<>();
        boolean[] any = {false};
        collect(op, out, any);
        return any[0] ? null : out;
    }

    private static void collect(Op op, Set<Node> out, boolean[] any) {
        OpVisitorBase ops = new OpVisitorBase() {
            @Override public void visit(OpBGP bgp) { bgp.getPattern().forEach(t -> predicate(t.getPredicate())); }
            @Override public void visit(OpTriple t) { predicate(t.getTriple().getPredicate()); }
            @Override public void visit(OpQuadPattern q) { q.getPattern().forEach(t -> predicate(t.getPredicate())); }
            @Override public void visit(OpPath p) { path(p.getTriplePath().getPath(), out, any); }
            private void predicate(Node p) {
                if (p.isURI()) out.add(p);
                else any[0] = true;
            }
        };
        ExprVisitorBase exprs = new ExprVisitorBase() {
            @Override public void visit(ExprFunctionOp f) {
                if (f.getGraphPattern() != null) collect(f.getGraphPattern(), out, any);
            }
        };
        Walker.walk(op, ops, exprs);
    }

    private static void path(Path p, Set<Node> out, boolean[] any) {
        // A path that may have length zero matches every node of the graph, whatever the predicates.
        if (p instanceof P_ZeroOrOne || p instanceof P_ZeroOrMore1 || p instanceof P_ZeroOrMoreN
                || p instanceof P_Mod mod && mod.getMin() <= 0) any[0] = true;
        else if (p instanceof P_Link l) out.add(l.getNode());
        else if (p instanceof P_ReverseLink l) out.add(l.getNode());
        else if (p instanceof P_Path1 one) path(one.getSubPath(), out, any);
        else if (p instanceof P_Path2 two) {
            path(two.getLeft(), out, any);
            path(two.getRight(), out, any);
        } else any[0] = true; // a negated property set, or a form not listed here: any predicate
    }

    /**
     * The federator's own graph for one query: the reference graph and what the plain members hold
     * of the query's predicates ({@code predicates} null: everything), fetched in parallel.
     */
    static Graph local(MemberCatalog catalog, MemberClient client, ExecutorService pool, ReferenceCopy copies, Set<Node> predicates,
                       QueryTrace trace) {
        List<Member> plain = catalog.members().stream().filter(m -> !m.contract()).toList();
        if (plain.isEmpty()) return catalog.reference();
        if (predicates != null && predicates.isEmpty()) return catalog.reference();
        Map<String, CompletableFuture<List<Binding>>> answers = new java.util.LinkedHashMap<>();
        String request = request(predicates);
        // The reference graph's blank-node structures this query can see; a member holding a copy of
        // the reference graph holds them too, under labels of its own. Whether it does is asked
        // alongside, when there are any and its last answer is not kept (ReferenceCopy).
        List<ReferenceCopy.Part> referenceParts = copies.parts(predicates);
        Map<String, ReferenceCopy.Question> questions = new HashMap<>();
        for (Member m : plain) {
            answers.put(m.id(), CompletableFuture.supplyAsync(() -> client.select(m, request, Map.of("s", S, "p", P, "o", O), trace), pool));
            if (!referenceParts.isEmpty())
                questions.put(m.id(), copies.question(m, () -> CompletableFuture.supplyAsync(() -> client.ask(m, copies.ask(), trace), pool)));
        }
        Graph snapshot = GraphFactory.createDefaultGraph();
        for (Member m : plain) {
            List<Binding> rows = StarExecutor.collect(answers.get(m.id()), trace);
            if (trace.partial() && trace.hasFailed(m.id())) continue; // named as missing: none of its data, not a part of it
            if (rows.size() > SNAPSHOT_MAX)
                throw failed(new MemberFailure(m.id(), "holds more than " + SNAPSHOT_MAX + " triples this query may need; a member without the "
                        + "ownership contract (void:uriSpace and stable blank-node labels) is read whole at the federator", null), trace);
            // Its blank nodes are consistent within this one answer only: new ones, distinct from every other member's.
            Map<Node, Node> blanks = new HashMap<>();
            Graph held = GraphFactory.createDefaultGraph();
            for (Binding b : rows) {
                Node s = fresh(b.get(S), blanks), o = fresh(b.get(O), blanks);
                if (s.isURI() && catalog.owner(s.getURI()).isPresent())
                    throw failed(new MemberFailure(m.id(), "holds triples about " + s.getURI() + ", which member " + catalog.owner(s.getURI()).get().id()
                            + " declares it alone describes (void:uriSpace); the federator cannot answer exactly", null), trace);
                held.add(Triple.create(s, b.get(P), o));
            }
            // Its copy of the reference graph is the reference graph: its ground triples coincide with the
            // federator's anyway, its blank nodes would count a second time (query 03's levelSince did).
            if (!referenceParts.isEmpty() && !questions.get(m.id()).takeOut(held, referenceParts, trace))
                continue; // its ASK failed, and the query is partial: the member is named as missing
            held.find().forEachRemaining(snapshot::add);
        }
        return catalog.reference().isEmpty() ? snapshot : new Union(snapshot, catalog.reference());
    }

    /** Recorded in the trace where it happens, like every member failure (an EXISTS would otherwise swallow it). */
    static MemberFailure failed(MemberFailure f, QueryTrace trace) {
        trace.failed(f);
        return f;
    }

    private static Node fresh(Node n, Map<Node, Node> blanks) {
        return n.isBlank() ? blanks.computeIfAbsent(n, k -> NodeFactory.createBlankNode()) : n;
    }

    /** {@code SELECT ?s ?p ?o WHERE { VALUES ?p { … } ?s ?p ?o } LIMIT max+1}: one answer, so its blank nodes agree. */
    private static String request(Set<Node> predicates) {
        ElementGroup where = new ElementGroup();
        if (predicates != null) {
            ElementData values = new ElementData();
            values.add(P);
            predicates.stream().sorted(java.util.Comparator.comparing(Node::getURI)).forEach(p -> values.add(BindingFactory.binding(P, p)));
            where.addElement(values);
        }
        ElementPathBlock all = new ElementPathBlock();
        all.addTriple(Triple.create(S, P, O));
        where.addElement(all);
        Query q = new Query();
        q.setQuerySelectType();
        List.of(S, P, O).forEach(q::addResultVar);
        q.setQueryPattern(where);
        q.setLimit(SNAPSHOT_MAX + 1);
        return q.serialize();
    }
}
