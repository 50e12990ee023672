package org.cipnet.federation.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.graph.GraphReadOnly;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberCatalog;

/**
 * Plain members' copies of the reference graph (a stock store loaded with cipnet's vocabularies next
 * to its data). A copy's ground triples are the federator's own, and a union counts them once; its
 * blank nodes carry the member's labels, so without this every pattern through the reference graph's
 * blank nodes (a programme level's {@code cip:period}) matched twice. A member holds a copy when it
 * answers {@link #ask} (the reference graph's blank-node structures, anchored at their IRIs, as one
 * pattern); then, per query, one copy of each such structure the query can see is taken out of what
 * the member sent, matched by isomorphism. Which of several isomorphic structures goes makes no
 * difference to any answer: the query sees only those triples, and they are the same up to
 * blank-node labels.
 *
 * <p>One per federator. What depends only on the reference graph (which is fixed for the
 * federator's lifetime) is worked out once: the ASK, and the structures a set of predicates sees.
 * A member's answer to the ASK is kept as long as the member's statistics it was read with
 * ({@link MemberCatalog#summary}): re-asked when the catalog re-reads them (every 30 s for a member
 * without VoID, or after {@link MemberCatalog#invalidate}). Its data, read anew by every query, is
 * the check on that answer: a member said to hold a copy whose answer lacks one, or said not to hold
 * one whose answer has every structure, is asked again at once — so a copy loaded or dropped since is
 * seen by the next query, not counted twice or reported as a mismatch.
 */
final class ReferenceCopy {
    /** One blank-node structure of the reference graph as a query sees it, with what matching needs of it. */
    record Part(Graph graph, String shape, List<Triple> patterns) {}

    /** A member's answer to {@link #ask}, and the member's statistics when it was asked. */
    private record Answer(boolean holds, MemberCatalog.Summary readWith) {}

    private final MemberCatalog catalog;
    /** The reference graph's triples that mention a blank node: all that a copy is told by. */
    private final List<Triple> blankTriples;
    /** Their predicates: what a query sees of the structures depends only on which of these it uses. */
    private final Set<Node> blankPredicates;
    private final String ask;
    /** By the blank-node predicates a query uses, which are few, so the memo stays small. */
    private final Map<Set<Node>, List<Part>> parts = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    ReferenceCopy(MemberCatalog catalog) {
        this.catalog = catalog;
        this.blankTriples = catalog.reference().find().filterKeep(t -> t.getSubject().isBlank() || t.getObject().isBlank()).toList();
        this.blankPredicates = blankTriples.stream().map(Triple::getPredicate).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.ask = ask(blankTriples);
    }

    /**
     * {@code ASK} whether a member holds every blank-node structure of the reference graph (its
     * blank nodes as variables, its IRIs and literals as they are); null when it has none.
     */
    String ask() { return ask; }

    private static String ask(List<Triple> blankTriples) {
        if (blankTriples.isEmpty()) return null;
        ElementPathBlock block = new ElementPathBlock();
        Map<Node, Var> vars = new HashMap<>();
        for (Triple t : blankTriples) block.addTriple(Triple.create(var(t.getSubject(), vars), t.getPredicate(), var(t.getObject(), vars)));
        ElementGroup where = new ElementGroup();
        where.addElement(block);
        Query q = new Query();
        q.setQueryAskType();
        q.setQueryPattern(where);
        return q.serialize();
    }

    private static Node var(Node n, Map<Node, Var> vars) {
        return n.isBlank() ? vars.computeIfAbsent(n, k -> Var.alloc("b" + vars.size())) : n;
    }

    /**
     * The reference graph's blank-node structures as a query limited to these predicates (null: any)
     * sees them: each connected group of blank nodes with the triples that mention them.
     */
    List<Part> parts(Set<Node> predicates) {
        Set<Node> seenPredicates = predicates == null ? blankPredicates
                : blankPredicates.stream().filter(predicates::contains).collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (seenPredicates.isEmpty()) return List.of();
        return parts.computeIfAbsent(seenPredicates, k -> {
            Graph seen = GraphFactory.createPlainGraph();
            for (Triple t : blankTriples) if (k.contains(t.getPredicate())) seen.add(t);
            // Read-only: every query thread matches against the same graphs.
            return components(seen).stream().map(g -> new Part(new GraphReadOnly(g), shape(g), g.find().mapWith(ReferenceCopy::pattern).toList())).toList();
        });
    }

    /**
     * One query's question to a member: whether it holds a copy. Its kept answer when there is one,
     * else the ASK, sent now by {@code send} (alongside the request for its data).
     */
    Question question(Member m, Supplier<CompletableFuture<Boolean>> send) {
        Answer kept = answers.get(m.id());
        MemberCatalog.Summary now = catalog.summary(m);
        if (kept != null && kept.readWith() == now) return new Question(m, kept.holds(), null, now, send);
        return new Question(m, null, send.get(), now, send);
    }

    /** A member's answer for one query: kept ({@code known}) or asked ({@code asked}, with the statistics current when it was sent). */
    final class Question {
        private final Member member;
        private final Boolean known;
        private final CompletableFuture<Boolean> asked;
        private final MemberCatalog.Summary readWith;
        private final Supplier<CompletableFuture<Boolean>> send;

        private Question(Member member, Boolean known, CompletableFuture<Boolean> asked, MemberCatalog.Summary readWith,
                         Supplier<CompletableFuture<Boolean>> send) {
            this.member = member;
            this.known = known;
            this.asked = asked;
            this.readWith = readWith;
            this.send = send;
        }

        /**
         * Takes the member's copy of the reference graph out of {@code held} (its answer for this
         * query), if it holds one. A kept answer that {@code held} contradicts is asked again. False
         * when the ASK failed and the query is partial (the member is named as missing).
         */
        boolean takeOut(Graph held, List<Part> parts, QueryTrace trace) {
            Boolean holds = known;
            if (holds == null) {
                holds = answer(asked, readWith, trace);
                if (holds == null) return false;
            }
            // A fresh "no" needs no look at its data; a kept answer is checked against it.
            List<Triple> copy = !holds && known == null ? null : match(held, parts);
            if (known != null && known != (copy != null)) {
                // It loaded or dropped a copy since it was asked: ask again, now.
                holds = answer(send.get(), catalog.summary(member), trace);
                if (holds == null) return false;
            }
            if (!holds) return true;
            if (copy == null)
                throw PlainMembers.failed(new MemberFailure(member.id(), "holds the reference graph's blank-node structures, but not as the "
                        + "federator's reference graph has them (another version?); the federator cannot tell its copy from its own data", null), trace);
            copy.forEach(held::delete);
            return true;
        }

        private Boolean answer(CompletableFuture<Boolean> pending, MemberCatalog.Summary current, QueryTrace trace) {
            Boolean holds = StarExecutor.collect(pending, null, trace);
            if (holds != null) answers.put(member.id(), new Answer(holds, current));
            return holds;
        }
    }

    /**
     * One structure isomorphic to each of {@code parts} in {@code held} (its triples), or null when
     * some part has none: then {@code held} holds no copy of the reference graph.
     */
    static List<Triple> match(Graph held, List<Part> parts) {
        // Most answers lack some structure outright: ruled out by index lookups, before grouping the whole answer.
        for (Part part : parts)
            for (Triple p : part.patterns())
                if (!held.contains(p)) return null;
        Map<String, List<Graph>> byShape = new HashMap<>();
        for (Graph c : components(held)) byShape.computeIfAbsent(shape(c), k -> new ArrayList<>()).add(c);
        List<Triple> matched = new ArrayList<>();
        for (Part part : parts) {
            List<Graph> candidates = byShape.getOrDefault(part.shape(), List.of());
            Graph partner = candidates.stream().filter(part.graph()::isIsomorphicWith).findFirst().orElse(null);
            if (partner == null) return null;
            candidates.remove(partner);
            partner.find().forEachRemaining(matched::add);
        }
        return matched;
    }

    /** A triple of a structure as a find pattern: its blank nodes match anything. */
    private static Triple pattern(Triple t) {
        return Triple.create(anyIfBlank(t.getSubject()), t.getPredicate(), anyIfBlank(t.getObject()));
    }

    private static Node anyIfBlank(Node n) {
        return n.isBlank() ? Node.ANY : n;
    }

    /** The triples of a structure with its blank nodes unnamed, sorted: isomorphic structures have the same shape. */
    private static String shape(Graph g) {
        return g.find().mapWith(t -> unnamed(t.getSubject()) + " " + t.getPredicate() + " " + unnamed(t.getObject())).toList().stream()
                .sorted().reduce("", (a, b) -> a + "\n" + b);
    }

    private static String unnamed(Node n) {
        return n.isBlank() ? "[]" : n.toString();
    }

    /** The triples that mention a blank node, grouped by connected blank nodes. */
    private static List<Graph> components(Graph g) {
        Map<Node, Node> parent = new HashMap<>();
        g.find().forEachRemaining(t -> {
            if (t.getSubject().isBlank() && t.getObject().isBlank()) {
                Node a = root(parent, t.getSubject()), b = root(parent, t.getObject());
                if (!a.equals(b)) parent.put(a, b);
            }
        });
        Map<Node, Graph> out = new java.util.LinkedHashMap<>();
        g.find().forEachRemaining(t -> {
            Node b = t.getSubject().isBlank() ? t.getSubject() : t.getObject().isBlank() ? t.getObject() : null;
            if (b != null) out.computeIfAbsent(root(parent, b), k -> GraphFactory.createPlainGraph()).add(t);
        });
        return new ArrayList<>(out.values());
    }

    private static Node root(Map<Node, Node> parent, Node n) {
        Node r = n;
        while (parent.containsKey(r)) r = parent.get(r);
        return r;
    }
}
