package org.cipnet.federation.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.service.bulk.ChainingServiceExecutorBulk;
import org.apache.jena.sparql.service.bulk.ServiceExecutorBulk;
import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberCatalog;
import org.cipnet.federation.planner.Markers;
import org.cipnet.federation.planner.RequestText;
import org.cipnet.federation.planner.Star;
import org.cipnet.sparql.CancellableRegex;

/**
 * Runs the stars the planner marked ({@code SERVICE <urn:cipnet:star>}): for each block of input
 * bindings, one request per relevant contract member with the block's join values in VALUES (a bind
 * join), in parallel, and the federator's own graph locally (the reference graph and the data of
 * plain members, {@link PlainMembers}); then joins the answers with the block. Any other SERVICE is
 * refused here as well, so nothing but members is ever called.
 */
public final class StarExecutor implements ChainingServiceExecutorBulk {
    /** The target name of the federator's own graph: the reference graph plus what plain members hold. */
    static final String LOCAL = "local";

    private final MemberCatalog catalog;
    private final MemberClient client;
    private final ExecutorService pool;
    /**
     * Most distinct join values in one bind-join request. Blocks are sized by rows only, never by
     * how fast members answered, so a data set always gets the same requests.
     */
    private final int blockSize;
    /** Plain members' copies of the reference graph: what is known of them across queries. */
    private final ReferenceCopy copies;

    /** The most answers to requests without join values kept for one query. */
    static final int UNBOUND_MEMO = 256;

    public StarExecutor(MemberCatalog catalog, MemberClient client, ExecutorService pool, int blockSize) {
        this.catalog = catalog;
        this.client = client;
        this.pool = pool;
        this.blockSize = blockSize;
        this.copies = new ReferenceCopy(catalog);
    }

    @Override
    public QueryIterator createExecution(OpService op, QueryIterator input, ExecutionContext cxt, ServiceExecutorBulk chain) {
        if (Markers.AGGREGATE.equals(op.getService())) return aggregate(op, input, cxt);
        boolean optional = Markers.OPTIONAL_STAR.equals(op.getService());
        if (!Markers.STAR.equals(op.getService()) && !optional && !Markers.STARS.equals(op.getService())) {
            Node s = op.getService();
            boolean member = s.isURI() && catalog.members().stream().anyMatch(m -> m.sparql().equals(s.getURI()));
            if (!member) throw new QueryExecException("SERVICE " + s + " refused: the federator calls only its members");
            return chain.createExecution(op, input, cxt);
        }
        QueryTrace t = trace(cxt);
        // Requests that carry no join values are the same for every block and every star that makes the same one: sent once per query.
        Map<String, CompletableFuture<List<Binding>>> unbound = t.unboundAnswers();
        if (Markers.STARS.equals(op.getService())) {
            List<Shape> shapes = org.cipnet.federation.planner.StarUnion.branches(op).stream().map(Shape::of).toList();
            return blocks(input, cxt, block -> union(shapes, block, t, unbound, op));
        }
        Shape shape = Shape.of(starOf(op.getSubOp()));
        return blocks(input, cxt, block -> evaluate(shape, block, t, unbound, optional, op));
    }

    /** The input read in blocks of {@link #inputBlock} rows, each answered by {@code answer}. */
    private QueryIterator blocks(QueryIterator input, ExecutionContext cxt, java.util.function.Function<List<Binding>, List<Binding>> answer) {
        Iterator<Binding> it = new Iterator<>() {
            Iterator<Binding> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!input.hasNext()) return false;
                    int want = inputBlock();
                    List<Binding> block = new ArrayList<>(want);
                    while (input.hasNext() && block.size() < want) block.add(input.next());
                    current = answer.apply(block).iterator();
                }
                return true;
            }

            @Override
            public Binding next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
        return closing(it, input, cxt);
    }

    /** The query's trace: the engine puts it in every query's context. */
    private static QueryTrace trace(ExecutionContext cxt) {
        QueryTrace trace = cxt.getContext().get(QueryTrace.SYMBOL);
        if (trace == null) throw new IllegalStateException("no query trace in the context: queries run through FederationEngine");
        return trace;
    }

    /** Rows read from {@code it}; closing or cancelling them closes or cancels the input too, as ARQ's own iterators do. */
    private static QueryIterator closing(Iterator<Binding> it, QueryIterator input, ExecutionContext cxt) {
        return new QueryIterPlainWrapper(it, cxt) {
            @Override
            protected void closeIterator() {
                input.close();
                super.closeIterator();
            }

            @Override
            protected void requestCancel() {
                input.cancel();
                super.requestCancel();
            }
        };
    }

    /** Partial aggregates: the same grouped query at every relevant member and the reference graph, rows unioned. */
    private QueryIterator aggregate(OpService op, QueryIterator input, ExecutionContext cxt) {
        var group = (org.apache.jena.sparql.algebra.op.OpGroup) op.getSubOp();
        Star star = starOf(group.getSubOp());
        QueryTrace trace = trace(cxt);
        probe(star, trace);
        List<String> targets = targets(star, org.apache.jena.sparql.engine.binding.BindingFactory.empty(), trace);
        // Printed only when someone is asked: with no member and no reference triple to ask, the text is not needed.
        RequestText.Request req = targets.isEmpty() ? null : RequestText.grouped(star, group.getGroupVars().getVars(), group.getAggregators());
        QueryTrace t = trace;
        Map<String, CompletableFuture<List<Binding>>> answers = new LinkedHashMap<>();
        for (String target : targets) {
            if (target.equals(LOCAL)) answers.put(target, CompletableFuture.completedFuture(local(req, t)));
            else {
                Member m = catalog.byId(target).orElseThrow();
                answers.put(target, CompletableFuture.supplyAsync(() -> remote(m, req, t, null), pool));
            }
        }
        List<Binding> partials = new ArrayList<>();
        for (var e : answers.entrySet()) partials.addAll(collect(e.getValue(), t));
        List<Binding> out = new ArrayList<>();
        while (input.hasNext()) {
            Binding in = input.next();
            for (Binding r : partials) if (Algebra.compatible(in, r)) out.add(Algebra.merge(in, r));
        }
        return closing(out.iterator(), input, cxt);
    }

    /** A member's rows, or — in partial mode — none, with the failure recorded. */
    static List<Binding> collect(CompletableFuture<List<Binding>> answer, QueryTrace trace) {
        return collect(answer, List.of(), trace);
    }

    /**
     * A member's answer; a member failure is recorded in the trace and fails the query (strict) or
     * gives {@code missing} (partial: the member is named as missing). Waits while watching the
     * query, so a timeout or an abort elsewhere stops the wait.
     */
    static <T> T collect(CompletableFuture<T> answer, T missing, QueryTrace trace) {
        try {
            return trace.await(answer);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MemberFailure mf) {
                trace.failed(mf);
                if (!trace.partial()) throw mf;
                return missing;
            }
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Triples with this predicate over all members, by their VoID; -1 when some member's count is unknown. */
    long estimate(Node predicate) {
        return catalog.total(m -> catalog.estimate(m, predicate));
    }

    static Star starOf(Op op) {
        Star s = Star.of(op);
        if (s == null) throw new IllegalStateException("not a pushed-down star: " + op);
        return s;
    }

    /**
     * The answers of one star joined with one block of input bindings; {@code unbound} keeps answers
     * to requests without join values (by member and request text, the star's variables renamed
     * {@link Renamed canonically}); {@code node} is the plan node the star is (null: none), under
     * which the trace counts what each member did for it.
     */
    List<Binding> evaluate(Star star, List<Binding> block, QueryTrace trace, Map<String, CompletableFuture<List<Binding>>> unbound,
                           boolean optional, Op node) {
        return evaluate(Shape.of(star), block, trace, unbound, optional, node);
    }

    private List<Binding> evaluate(Shape shape, List<Binding> block, QueryTrace trace, Map<String, CompletableFuture<List<Binding>>> unbound,
                                   boolean optional, Op node) {
        // A top-k or DISTINCT star keeps them only when asked once, without join values.
        Renamed c = block.size() == 1 && block.get(0).isEmpty() ? shape.whole() : shape.open();
        Star star = c.source();
        Map<String, List<Binding>> byTarget = new LinkedHashMap<>();
        probe(star, trace);
        List<Triple> routing = byLocalObject(star); // once per block: member-locality reads every member's statistics
        for (Binding b : block)
            for (String target : targets(star, b, trace, routing)) byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(b);

        List<Part> parts = new ArrayList<>();
        // One request never mixes input rows that bind different join variables: an answer row does not
        // say which VALUES row it matched, so a row with UNDEF would also claim the rows of a bound one.
        List<Part> uniform = new ArrayList<>();
        for (var e : byTarget.entrySet())
            for (List<Binding> g : byBoundJoinVars(star, e.getValue())) uniform.add(new Part(e.getKey(), g, joinVars(star, g), null));
        Map<String, Set<Node>> companions = null;
        for (Part e : uniform) {
            List<Var> joinVars = e.joinVars();
            if (e.target().equals(LOCAL)) {
                RequestText.Request req = RequestText.select(star, joinVars, distinctRows(e.inputs(), joinVars));
                parts.add(e.with(CompletableFuture.completedFuture(local(req, trace))));
                continue;
            }
            Member m = catalog.byId(e.target()).orElseThrow();
            if (c.shared() != null && joinVars.equals(List.of(Var.alloc(star.subject())))) {
                if (companions == null) companions = companionValues(c, block, trace);
                parts.add(e.with(shared(m, c, e.inputs(), companions.getOrDefault(m.id(), Set.of()), trace, node)));
                continue;
            }
            if (joinVars.isEmpty()) {
                parts.add(e.with(withRelations(unbound, m, c, trace, node).thenApply(c::back)));
                continue;
            }
            parts.addAll(valued(e.target(), e.inputs(), joinVars, values -> RequestText.select(star, joinVars, values), trace, node));
        }
        List<Binding> out = new ArrayList<>();
        Set<Binding> matched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        joinAll(parts, trace, out, matched);
        if (optional) // an input row may have gone to several members, or to none: it is unmatched only if no answer matched it
            for (Binding b : block) if (!matched.contains(b)) out.add(b);
        return out;
    }

    /** Each part's inputs joined with its answer, into {@code out}; {@code matched} gets the inputs some answer row matched. */
    private static void joinAll(List<Part> parts, QueryTrace trace, List<Binding> out, Set<Binding> matched) {
        for (Part p : parts) join(p.inputs(), collect(p.answer(), trace), p.joinVars(), out, matched);
    }

    /**
     * The inputs to one target as requests of at most {@link #blockSize} distinct join values, each
     * with the input rows that carry its values; {@code text} prints a request from one row per value
     * (it keeps only a row's join variables).
     */
    private List<Part> valued(String target, List<Binding> inputs, List<Var> joinVars,
                              java.util.function.Function<List<Binding>, RequestText.Request> text, QueryTrace trace, Op node) {
        Map<List<Node>, List<Binding>> byValue = new LinkedHashMap<>();
        for (Binding b : inputs) byValue.computeIfAbsent(key(b, joinVars), k -> new ArrayList<>()).add(b);
        List<Part> parts = new ArrayList<>();
        Member m = target.equals(LOCAL) ? null : catalog.byId(target).orElseThrow();
        for (List<List<Binding>> rowsOfChunk : chunks(new ArrayList<>(byValue.values()))) {
            List<Binding> chunk = new ArrayList<>();
            rowsOfChunk.forEach(chunk::addAll);
            RequestText.Request req = text.apply(rowsOfChunk.stream().map(r -> r.get(0)).toList());
            CompletableFuture<List<Binding>> answer = m == null ? CompletableFuture.completedFuture(local(req, trace))
                    : CompletableFuture.supplyAsync(() -> remote(m, req, trace, node), pool);
            parts.add(new Part(target, chunk, joinVars, answer));
        }
        return parts;
    }

    /**
     * A union's branches joined with a block of input rows, each member asked once per chunk of join
     * values for all the branches it gets the same rows for (a VALUES block about organisations
     * joined with their labels or the projects naming them goes to each owner once, not once per
     * branch). The join of the rows with the union of the branches' answers at a member is the union
     * of their joins with each branch's: the same rows as a bind join per branch. Null where the
     * branches do not go together that way — a branch with top-k or DISTINCT (kept only unbound), a
     * member that gets other rows, or other join variables, for one branch than for another, rows
     * that bind no join variable, a member whose statistics do not keep the branches' rows together
     * under an answer's cap — or where no member would get two branches.
     */
    private List<Binding> boundTogether(List<Shape> shapes, List<Binding> block, QueryTrace trace, Op node) {
        record Routed(List<Binding> rows, List<Var> joinVars, List<Star> stars) {}
        Map<String, Routed> byTarget = new LinkedHashMap<>();
        boolean together = false;
        for (Shape shape : shapes) {
            if (shape.open() != shape.whole()) return null;
            Star star = shape.open().source();
            probe(star, trace);
            List<Triple> routing = byLocalObject(star);
            Map<String, List<Binding>> rows = new LinkedHashMap<>();
            for (Binding b : block)
                for (String target : targets(star, b, trace, routing)) rows.computeIfAbsent(target, k -> new ArrayList<>()).add(b);
            for (var e : rows.entrySet()) {
                List<Var> joinVars = joinVars(star, e.getValue());
                if (joinVars.isEmpty() || byBoundJoinVars(star, e.getValue()).size() != 1) return null;
                Routed r = byTarget.get(e.getKey());
                if (r == null) byTarget.put(e.getKey(), new Routed(e.getValue(), joinVars, new ArrayList<>(List.of(star))));
                else if (r.rows().equals(e.getValue()) && r.joinVars().equals(joinVars)) {
                    r.stars().add(star);
                    together = true;
                } else return null;
            }
        }
        if (!together) return null;
        // One answer holds all its branches' rows: only where the member's statistics keep them under a
        // member's answer cap (100,000 rows on a cipnet node), which separate requests would each stay under.
        for (var e : byTarget.entrySet()) {
            if (e.getKey().equals(LOCAL) || e.getValue().stars().size() < 2) continue;
            Member m = catalog.byId(e.getKey()).orElseThrow();
            long rows = 0;
            for (Star star : e.getValue().stars()) {
                long n = rowsAt(m, star);
                if (n < 0) return null;
                rows += n;
            }
            if (rows > FederatedGraph.WHOLE_RELATION_MAX) return null;
        }
        List<Part> parts = new ArrayList<>();
        for (var e : byTarget.entrySet()) {
            Routed r = e.getValue();
            parts.addAll(valued(e.getKey(), r.rows(), r.joinVars(), values -> RequestText.union(r.stars(), r.joinVars(), values), trace, node));
        }
        List<Binding> out = new ArrayList<>();
        joinAll(parts, trace, out, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        return out;
    }

    /**
     * A union of stars ({@code SERVICE <urn:cipnet:stars>}) joined with one block of input rows.
     * Without join values (the block is the query's start), each member gets one request with the
     * branches it may answer, sent once per query, and the federator's own graph answers each
     * branch it holds; with join values, the branches a member gets the same rows for go in one
     * request ({@link #boundTogether}), or else each branch is a bind join of its own: the join of
     * the block with a union is the union of the block's joins with each branch.
     */
    private List<Binding> union(List<Shape> shapes, List<Binding> block, QueryTrace trace, Map<String, CompletableFuture<List<Binding>>> unbound, Op node) {
        List<Binding> out = new ArrayList<>();
        if (!(block.size() == 1 && block.get(0).isEmpty())) {
            List<Binding> together = boundTogether(shapes, block, trace, node);
            if (together != null) return together;
            for (Shape s : shapes) out.addAll(evaluate(s, block, trace, unbound, false, node));
            return out;
        }
        Map<String, List<Star>> byTarget = new LinkedHashMap<>();
        for (Shape s : shapes) {
            Star star = s.whole().source();
            probe(star, trace);
            for (String target : targets(star, block.get(0), trace)) byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(star);
        }
        List<CompletableFuture<List<Binding>>> answers = new ArrayList<>();
        for (var e : byTarget.entrySet()) {
            if (e.getKey().equals(LOCAL)) {
                for (Star star : e.getValue()) answers.add(CompletableFuture.completedFuture(local(RequestText.select(star, List.of(), List.of()), trace)));
                continue;
            }
            Member m = catalog.byId(e.getKey()).orElseThrow();
            answers.add(once(unbound, m, RequestText.union(e.getValue()), trace, node));
        }
        // Rows by the variables they bind (by branch, mostly), all members' together, as ARQ's own union
        // gives them: the bind joins after it then meet each branch's values in as few blocks as before.
        Map<Set<Var>, List<Binding>> byVars = new LinkedHashMap<>();
        for (var a : answers)
            for (Binding b : collect(a, trace)) {
                Set<Var> vars = new LinkedHashSet<>();
                b.vars().forEachRemaining(vars::add);
                byVars.computeIfAbsent(vars, k -> new ArrayList<>()).add(b);
            }
        byVars.values().forEach(out::addAll);
        return out;
    }

    /**
     * The member's answer to a request without join values, sent once per query ({@code unbound},
     * by member and text). Bounded: a star ARQ substitutes per row (inside EXISTS, say) makes a new
     * text each time.
     */
    private CompletableFuture<List<Binding>> once(Map<String, CompletableFuture<List<Binding>>> unbound, Member m, RequestText.Request req,
                                                  QueryTrace trace, Op node) {
        String key = memoKey(m.id(), req);
        java.util.function.Function<String, CompletableFuture<List<Binding>>> ask = k -> CompletableFuture.supplyAsync(() -> remote(m, req, trace, node), pool);
        return unbound.size() < UNBOUND_MEMO ? unbound.computeIfAbsent(key, ask)
                : java.util.Objects.requireNonNullElseGet(unbound.get(key), () -> ask.apply(key));
    }

    /**
     * The star {@link FederatedGraph} asks for a relation it walks whole: {@code ?s p ?o}, every
     * member's and the federator's own triples with that predicate.
     */
    static Star relation(Node predicate) {
        Var s = Var.alloc("s"), o = Var.alloc("o");
        return new Star(s, List.of(Triple.create(s, predicate, o)), List.of());
    }

    /** Where a relation's triples about this subject ({@code null}: about any) can be: members, and the federator's own graph. */
    List<String> relationTargets(Node predicate, Node subject, QueryTrace trace) {
        Star r = relation(predicate);
        probe(r, trace);
        return targets(r, subject == null ? BindingFactory.empty() : BindingFactory.binding(Var.alloc(r.subject()), subject), trace);
    }

    /** Whether a target's share of a relation costs no request: the federator's own graph, or an answer kept for this query. */
    boolean shareKept(Node predicate, String target, QueryTrace trace) {
        return target.equals(LOCAL) || trace.unboundAnswers().containsKey(memoKey(target, Renamed.of(relation(predicate)).unbound()));
    }

    /** These targets' shares of a relation, asked at once (answers kept for the query are not asked again), as rows of ?s ?o. */
    List<Binding> shares(Node predicate, List<String> targets, QueryTrace trace) {
        Renamed r = Renamed.of(relation(predicate));
        List<CompletableFuture<List<Binding>>> answers = new ArrayList<>();
        for (String target : targets)
            answers.add(target.equals(LOCAL) ? CompletableFuture.completedFuture(local(r.unbound(), trace)).thenApply(r::back)
                    : once(trace.unboundAnswers(), catalog.byId(target).orElseThrow(), r.unbound(), trace, null).thenApply(r::back));
        List<Binding> out = new ArrayList<>();
        for (var a : answers) out.addAll(collect(a, trace));
        return out;
    }

    private static String memoKey(String member, RequestText.Request req) {
        return member + " " + req.text();
    }

    /**
     * A star's request without join values to one member ({@link #once}), with the relations the
     * plan's paths will walk whole riding along: {@code { star } UNION { ?cipr0_0 p ?cipr0_1 } …},
     * one request. A path joined to this star reaches {@link FederatedGraph} only once the star's
     * rows are in, and then fetches each such relation from every member holding it: a second round
     * to the same members. Each relation's rows are kept as the answer to that later request (by
     * member and text, in {@code unbound}), so the path asks only the members this star did not:
     * never a request more. A relation rides along only when the path will fetch it whole anyway
     * ({@link FederatedGraph#WHOLE_RELATION_MAX}), the member may hold it and it is not asked yet,
     * and while the member's statistics put the star and the relations it carries at no more rows
     * than that together (a member's answer has a cap, 100,000 rows on a cipnet node by default,
     * which the star alone would not reach): what it costs when the path is never reached (no row
     * of the star leads to it) is that member's share of a relation that small.
     */
    private CompletableFuture<List<Binding>> withRelations(Map<String, CompletableFuture<List<Binding>>> unbound, Member m, Renamed c,
                                                           QueryTrace trace, Op node) {
        String key = memoKey(m.id(), c.unbound());
        List<Renamed> riding = new ArrayList<>();
        long load = c.original() != null && !unbound.containsKey(key) ? rowsAt(m, c.source()) : -1;
        if (load >= 0)
            for (Node p : pathRelations(c.source(), trace.plan())) {
                Renamed r = Renamed.of(relation(p));
                long size = estimate(p), share = catalog.estimate(m, p);
                if (size < 0 || size > FederatedGraph.WHOLE_RELATION_MAX || share < 0 || load + share > FederatedGraph.WHOLE_RELATION_MAX
                        || !holds(m, r.source(), trace) || unbound.containsKey(memoKey(m.id(), r.unbound()))) continue;
                riding.add(r);
                load += share;
            }
        // Kept answers only: past the memo's bound a relation's rows would have nowhere to wait for the path.
        if (riding.isEmpty() || unbound.size() + riding.size() >= UNBOUND_MEMO) return once(unbound, m, c.unbound(), trace, node);
        // Each relation under names of its own (no star's canonical ?vN): a row binding them is that relation's.
        List<Star> branches = new ArrayList<>(List.of(c.star()));
        List<Map<Var, Var>> tags = new ArrayList<>();
        for (int i = 0; i < riding.size(); i++) {
            Map<Var, Var> tag = new LinkedHashMap<>();
            for (Var v : riding.get(i).star().vars()) tag.put(v, Var.alloc("cipr" + i + "_" + tag.size()));
            tags.add(tag);
            branches.add(Star.of(org.apache.jena.sparql.graph.NodeTransformLib.transform(
                    n -> n.isVariable() ? tag.getOrDefault(Var.alloc(n), Var.alloc(n)) : n, riding.get(i).star().op())));
        }
        RequestText.Request req = RequestText.union(branches);
        CompletableFuture<List<Binding>> both = CompletableFuture.supplyAsync(() -> remote(m, req, trace, null), pool);
        for (int i = 0; i < riding.size(); i++) {
            Map<Var, Var> back = new java.util.HashMap<>();
            tags.get(i).forEach((canonical, tagged) -> back.put(tagged, canonical));
            Var first = tags.get(i).values().iterator().next();
            unbound.putIfAbsent(memoKey(m.id(), riding.get(i).unbound()), both.thenApply(rows -> {
                List<Binding> out = new ArrayList<>();
                for (Binding r : rows)
                    if (r.contains(first)) {
                        var b = Binding.builder();
                        back.forEach((tagged, canonical) -> { if (r.contains(tagged)) b.add(canonical, r.get(tagged)); });
                        out.add(b.build());
                    }
                return out;
            }));
        }
        Set<Var> tagged = new java.util.HashSet<>();
        tags.forEach(t -> tagged.addAll(t.values()));
        CompletableFuture<List<Binding>> own = both.thenApply(rows -> {
            List<Binding> out = new ArrayList<>();
            for (Binding r : rows) if (tagged.stream().noneMatch(r::contains)) out.add(r);
            if (node != null) trace.asked(node, m.id(), out.size());
            return out;
        });
        unbound.putIfAbsent(key, own);
        return own;
    }

    /**
     * Rough rows of a star at one member, as the cost model counts them (its smallest predicate or
     * class there); -1 when the member's statistics do not say.
     */
    private long rowsAt(Member m, Star star) {
        long best = -1;
        for (Triple t : star.triples()) {
            Node type = RDF_TYPE.equals(t.getPredicate()) ? typeObject(t) : null;
            long n = type != null ? catalog.instances(m, type) : catalog.estimate(m, t.getPredicate().isURI() ? t.getPredicate() : null);
            if (n >= 0 && (best < 0 || n < best)) best = n;
        }
        return best;
    }

    private static final Node RDF_TYPE = org.apache.jena.vocabulary.RDF.type.asNode();

    /**
     * The predicates of the plan's property paths that join this star (the path's subject or object
     * is one of its variables), which {@link FederatedGraph} fetches per predicate; a path that may
     * match any predicate or have length zero names none.
     */
    private static List<Node> pathRelations(Star star, Op plan) {
        Set<Node> out = new LinkedHashSet<>();
        if (plan == null) return List.of();
        Set<Var> vars = star.vars();
        org.apache.jena.sparql.algebra.OpWalker.walk(plan, new org.apache.jena.sparql.algebra.OpVisitorBase() {
            @Override
            public void visit(org.apache.jena.sparql.algebra.op.OpPath op) {
                var tp = op.getTriplePath();
                boolean joins = Var.isVar(tp.getSubject()) && vars.contains(Var.alloc(tp.getSubject()))
                        || Var.isVar(tp.getObject()) && vars.contains(Var.alloc(tp.getObject()));
                Set<Node> predicates = PlainMembers.predicates(op);
                if (joins && predicates != null) out.addAll(predicates);
            }
        });
        return new ArrayList<>(out);
    }

    /**
     * A plain star with its variables renamed {@code ?v0}, {@code ?v1}, … in the order its op
     * mentions them, and the way back: two stars that differ only in their variables' names (the
     * two ends of a link asked for the same labels, say) then make the same request, which
     * {@code unbound} answers once per member. A star with top-k or DISTINCT keeps its names.
     */
    private static final class Renamed {
        /** The renamed star and the way back; null {@code original}: the star keeps its names. */
        private record Form(Star star, Map<Var, Var> original) {}

        private final Star source;
        // Both worked out on first use: most stars of a query that asks no member never need them, and
        // printing a request was about 8% of the federator's CPU on such a query. Immutable once made,
        // so a thread that reads one another thread made sees it whole.
        private Form form;
        private RequestText.Request unbound;

        private Renamed(Star source) {
            this.source = source;
        }

        static Renamed of(Star star) {
            return new Renamed(star);
        }

        Star source() { return source; }

        Star star() { return form().star(); }

        Map<Var, Var> original() { return form().original(); }

        /** The star's request without join values, in the renamed variables. */
        RequestText.Request unbound() {
            RequestText.Request u = unbound;
            if (u == null) unbound = u = RequestText.select(star(), List.of(), List.of());
            return u;
        }

        private Form form() {
            Form f = form;
            if (f == null) form = f = rename(source);
            return f;
        }

        private static Form rename(Star star) {
            if (!star.plain()) return new Form(star, null);
            Map<Var, Var> to = new LinkedHashMap<>();
            Op renamed = org.apache.jena.sparql.graph.NodeTransformLib.transform(
                    n -> n.isVariable() ? to.computeIfAbsent(Var.alloc(n), v -> Var.alloc("v" + to.size())) : n, star.op());
            Star c = Star.of(renamed);
            if (c == null) return new Form(star, null);
            Map<Var, Var> original = new java.util.HashMap<>();
            to.forEach((from, canonical) -> original.put(canonical, from));
            return new Form(c, original);
        }

        /**
         * The text that keys the rows of this star's bound requests, kept by subject value, or null
         * when they cannot be shared. Bound by its subject alone, a plain star's answer for a set of
         * values is the union of its answers for each value: rows split by subject serve any star
         * that renames to the same text.
         */
        String shared() {
            return original() != null && star().subject().isVariable() ? unbound().text() : null;
        }

        /** The rows of the renamed star's request in the star's own variables. */
        List<Binding> back(List<Binding> rows) {
            Map<Var, Var> original = original();
            if (original == null) return rows;
            List<Binding> out = new ArrayList<>(rows.size());
            for (Binding r : rows) {
                var b = Binding.builder();
                r.vars().forEachRemaining(v -> b.add(original.getOrDefault(v, v), r.get(v)));
                out.add(b.build());
            }
            return out;
        }
    }

    /**
     * Joins input bindings with a star's rows. Every row binds all the star's variables, so inputs
     * that bind all the join variables are looked up by their values; the others are compared row by row.
     */
    private static void join(List<Binding> inputs, List<Binding> rows, List<Var> joinVars, List<Binding> out, Set<Binding> matched) {
        Map<List<Node>, List<Binding>> index = new java.util.HashMap<>();
        if (!joinVars.isEmpty())
            for (Binding r : rows) index.computeIfAbsent(key(r, joinVars), k -> new ArrayList<>()).add(r);
        for (Binding input : inputs) {
            boolean keyed = !joinVars.isEmpty() && joinVars.stream().allMatch(input::contains);
            for (Binding r : keyed ? index.getOrDefault(key(input, joinVars), List.of()) : rows)
                if (Algebra.compatible(input, r)) {
                    out.add(Algebra.merge(input, r));
                    matched.add(input);
                }
        }
    }

    private static List<Node> key(Binding b, List<Var> vars) {
        List<Node> k = new ArrayList<>(vars.size());
        for (Var v : vars) k.add(b.get(v));
        return k;
    }

    /**
     * Input rows taken at once: a full request (blockSize join values) for every member, since the
     * rows of one block spread over the members that own their subjects. Fixed, so the requests a
     * query sends depend on the data only.
     */
    private int inputBlock() {
        return Math.max(4, catalog.members().size()) * blockSize;
    }

    private List<Binding> remote(Member m, RequestText.Request req, QueryTrace trace, Op node) {
        if (trace.partial() && trace.hasFailed(m.id())) return List.of();
        List<Binding> rows = client.select(m, req.text(), req.vars(), trace);
        if (node != null) trace.asked(node, m.id(), rows.size());
        recordOrigins(rows, m.id(), trace);
        return rows;
    }

    /** The federator's own graph for this query, read from the plain members on first use. */
    private Graph localGraph(QueryTrace trace) {
        return trace.local(predicates -> PlainMembers.local(catalog, client, pool, copies, predicates, trace));
    }

    /**
     * The request answered from the federator's own graph. That is an execution of its own, outside
     * the federated query's: it gets the query's deadline and REGEX/REPLACE that stop at it here, or
     * a pushed-down FILTER such as {@code REGEX(?label, "^(.*a){25}$")} over the reference graph's
     * labels would run on past the timeout.
     */
    private List<Binding> local(RequestText.Request req, QueryTrace trace) {
        List<Binding> out = new ArrayList<>();
        Query query = CancellableRegex.apply(QueryFactory.create(req.text()), req.text());
        var exec = QueryExec.graph(localGraph(trace)).query(query);
        long left = trace.memberMillisLeft();
        if (left != Long.MAX_VALUE) exec.timeout(Math.max(1, left), TimeUnit.MILLISECONDS); // MAX_VALUE: the query has no deadline
        try (QueryExec qe = exec.build()) {
            qe.select().forEachRemaining(b -> {
                var bb = Binding.builder();
                b.vars().forEachRemaining(v -> {
                    Var orig = req.vars().get(v.getVarName());
                    if (orig != null) bb.add(orig, b.get(v));
                });
                out.add(bb.build());
            });
        }
        recordOrigins(out, LOCAL, trace);
        return out;
    }

    private static void recordOrigins(List<Binding> rows, String origin, QueryTrace trace) {
        for (Binding b : rows)
            b.vars().forEachRemaining(v -> {
                Node n = b.get(v);
                if (n.isBlank()) trace.origin(n, origin);
            });
    }

    /**
     * Asks the members without VoID, all at once, which of this star's predicates and classes they
     * use (cached by the catalog): a member that hangs costs the query one member timeout, not one
     * per member asked after it.
     */
    private void probe(Star star, QueryTrace trace) {
        ObjectProbes.once(catalog, client, pool, trace);
        List<Node> predicates = star.triples().stream().map(Triple::getPredicate).toList();
        List<Node> classes = star.triples().stream().filter(t -> t.getPredicate().isURI()
                && t.getPredicate().getURI().equals("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")).map(Triple::getObject).toList();
        List<CompletableFuture<Void>> probing = new ArrayList<>();
        for (Member m : catalog.contractMembers())
            if (catalog.summary(m).predicates() == null && !trace.hasFailed(m.id()))
                probing.add(CompletableFuture.runAsync(() -> catalog.probeAll(m, predicates, classes, client.probe(trace)), pool));
        for (var p : probing)
            try {
                trace.await(p);
            } catch (ExecutionException e) {
                // A probe that fails says "may hold": the member's failure is in the trace already.
            }
    }

    /** Where the triples this star needs for one input binding can be (after {@link #probe}). */
    private List<String> targets(Star star, Binding b, QueryTrace trace) {
        return targets(star, b, trace, byLocalObject(star));
    }

    /** The star's triples along a member-local predicate: an object bound to a member's IRI there routes the star ({@link #targets}). */
    private List<Triple> byLocalObject(Star star) {
        return star.triples().stream().filter(t -> t.getPredicate().isURI() && catalog.memberLocal(t.getPredicate())).toList();
    }

    /** As {@link #targets(Star, Binding, QueryTrace)}, with the star's {@link #byLocalObject} triples given. */
    private List<String> targets(Star star, Binding b, QueryTrace trace, List<Triple> byLocalObject) {
        Node s = star.subject();
        if (s.isVariable() && b.contains(Var.alloc(s))) s = b.get(Var.alloc(s));
        if (s.isLiteral()) return List.of();
        List<String> out = new ArrayList<>();
        if (s.isBlank()) {
            String origin = trace.origin(s);
            if (origin != null) return List.of(origin);
        } else if (s.isURI()) {
            var owner = catalog.owner(s.getURI());
            if (owner.isPresent()) return holds(owner.get(), star, trace) ? List.of(owner.get().id()) : List.of();
            // In no contract member's space: only the federator's own graph may describe it.
            return localHolds(star, trace) ? List.of(LOCAL) : List.of();
        }
        // An object bound to a contract member's IRI along a member-local predicate: the triple lies with that
        // member, as no member's link sets count an object of it in another's space, and the reference
        // graph's objects of it are in no member's space (a VALUES block of awards, say, asked for who holds them).
        for (Triple t : byLocalObject) {
            Node o = t.getObject();
            if (o.isVariable() && b.contains(Var.alloc(o))) o = b.get(Var.alloc(o));
            if (!o.isURI()) continue;
            var owner = catalog.owner(o.getURI());
            if (owner.isPresent()) return holds(owner.get(), star, trace) ? List.of(owner.get().id()) : List.of();
        }
        for (Member m : catalog.contractMembers())
            if (holds(m, star, trace)) out.add(m.id());
        if (localHolds(star, trace)) out.add(LOCAL);
        return out;
    }

    private boolean holds(Member m, Star star, QueryTrace trace) {
        for (Triple t : star.triples())
            if (!catalog.mayHold(m, t.getPredicate(), typeObject(t), client.probe(trace))
                    || !catalog.mayHoldObject(m, t.getPredicate(), t.getObject())) return false;
        return true;
    }

    private boolean localHolds(Star star, QueryTrace trace) {
        Graph local = localGraph(trace);
        for (Triple t : star.triples()) {
            Node p = t.getPredicate().isVariable() ? Node.ANY : t.getPredicate();
            Node type = p.isURI() && p.getURI().equals(org.apache.jena.vocabulary.RDF.type.getURI()) && typeObject(t) != null ? typeObject(t) : Node.ANY;
            if (!local.contains(Node.ANY, p, type)) return false;
        }
        return true;
    }

    private static Node typeObject(Triple t) {
        return t.getObject().isVariable() ? null : t.getObject();
    }

    /** The inputs sent to one target in one request or set of requests, the join variables they bind, and its answer. */
    private record Part(String target, List<Binding> inputs, List<Var> joinVars, CompletableFuture<List<Binding>> answer) {
        Part with(CompletableFuture<List<Binding>> a) {
            return new Part(target, inputs, joinVars, a);
        }
    }

    /** A star and its renamed form, built once per star: whole, and without top-k or DISTINCT (as bound blocks ask it). */
    private record Shape(Renamed whole, Renamed open) {
        static Shape of(Star star) {
            Renamed w = Renamed.of(star);
            return new Shape(w, star.plain() ? w : Renamed.of(star.unlimited()));
        }
    }

    /**
     * Values that later stars of the plan renaming to the same request will ask for, by member: the
     * block's values of their subject variables (catalogue query 08 binds ?b with ?a before either
     * end's labels are asked), routed as this star routes its own.
     */
    private Map<String, Set<Node>> companionValues(Renamed c, List<Binding> block, QueryTrace trace) {
        Set<Var> others = new LinkedHashSet<>(trace.sharedSubjects(c.shared(), () -> sharedSubjects(trace.plan())));
        others.remove(Var.alloc(c.source().subject()));
        Map<String, Set<Node>> out = new LinkedHashMap<>();
        if (others.isEmpty() || trace.boundRowsFull()) return out;
        Var subject = Var.alloc(c.source().subject());
        for (Binding b : block)
            for (Var w : others) {
                Node n = b.get(w);
                if (n == null || n.isLiteral()) continue;
                for (String target : targets(c.source(), org.apache.jena.sparql.engine.binding.BindingFactory.binding(subject, n), trace))
                    if (!target.equals(LOCAL)) out.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(n);
            }
        return out;
    }

    /** Per shared request text, the subject variables of the plan's stars that rename to it. */
    private static Map<String, Set<Var>> sharedSubjects(Op plan) {
        Map<String, Set<Var>> out = new java.util.HashMap<>();
        if (plan == null) return out;
        org.apache.jena.sparql.algebra.OpWalker.walk(plan, new org.apache.jena.sparql.algebra.OpVisitorBase() {
            @Override
            public void visit(OpService s) {
                if (!Markers.STAR.equals(s.getService()) && !Markers.OPTIONAL_STAR.equals(s.getService())) return;
                Star star = Star.of(s.getSubOp());
                if (star == null) return;
                Shape shape = Shape.of(star);
                for (Renamed r : List.of(shape.whole(), shape.open()))
                    if (r.shared() != null) out.computeIfAbsent(r.shared(), k -> new LinkedHashSet<>()).add(Var.alloc(star.subject()));
            }
        });
        return out;
    }

    /**
     * A bound request by subject that later stars renaming to the same text share: the values its
     * inputs bind, with the {@code extra} values those stars will ask this member for, minus the
     * values this member already answered in this query. The answer rows are split by subject and
     * kept for the query (see {@link QueryTrace#boundAnswer}); the inputs' rows come back in the
     * star's own names. A failure fails this star's join (strict) or leaves nothing kept (partial:
     * the member is named, and a later star asks again, which is skipped for a failed member).
     */
    private CompletableFuture<List<Binding>> shared(Member m, Renamed c, List<Binding> inputs, Set<Node> extra, QueryTrace trace, Op node) {
        Var subject = Var.alloc(c.source().subject()), canonical = Var.alloc(c.star().subject());
        Set<Node> own = new LinkedHashSet<>();
        for (Binding b : inputs) own.add(b.get(subject));
        Map<Node, List<Binding>> known = new java.util.HashMap<>();
        List<Node> ask = new ArrayList<>();
        for (Node v : own) {
            List<Binding> kept = trace.boundAnswer(m.id(), c.shared(), v);
            if (kept != null) known.put(v, kept);
            else ask.add(v);
        }
        if (!ask.isEmpty()) // extra values ride along only with a request this star sends anyway
            for (Node v : extra) if (!own.contains(v) && trace.boundAnswer(m.id(), c.shared(), v) == null) ask.add(v);
        List<CompletableFuture<Map<Node, List<Binding>>>> chunks = new ArrayList<>();
        for (List<Node> values : chunks(ask)) {
            List<Binding> rows = values.stream().map(v -> org.apache.jena.sparql.engine.binding.BindingFactory.binding(canonical, v)).toList();
            RequestText.Request req = RequestText.select(c.star(), List.of(canonical), rows);
            chunks.add(CompletableFuture.supplyAsync(() -> {
                List<Binding> answer = remote(m, req, trace, node);
                Map<Node, List<Binding>> bySubject = new java.util.HashMap<>();
                for (Node v : values) bySubject.put(v, new ArrayList<>());
                for (Binding r : answer) bySubject.computeIfAbsent(r.get(canonical), k -> new ArrayList<>()).add(r);
                if (!trace.hasFailed(m.id())) bySubject.forEach((v, rs) -> trace.keepBoundAnswer(m.id(), c.shared(), v, rs));
                return bySubject;
            }, pool));
        }
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(x -> {
            for (var f : chunks) known.putAll(f.join());
            List<Binding> rows = new ArrayList<>();
            for (Node v : own) rows.addAll(known.getOrDefault(v, List.of()));
            return c.back(rows);
        });
    }

    /** The list in consecutive pieces of at most {@link #blockSize}: one bind-join request each. */
    private <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += blockSize) out.add(all.subList(from, Math.min(all.size(), from + blockSize)));
        return out;
    }

    /** The group's bindings split by which of the star's join variables each binds, in first-seen order. */
    private static java.util.Collection<List<Binding>> byBoundJoinVars(Star star, List<Binding> group) {
        Map<List<Var>, List<Binding>> out = new LinkedHashMap<>();
        for (Binding b : group) {
            List<Var> bound = new ArrayList<>();
            for (Var v : star.requiredVars()) if (b.contains(v)) bound.add(v);
            out.computeIfAbsent(bound, k -> new ArrayList<>()).add(b);
        }
        return out.values();
    }

    /** The star's variables that some binding of the group binds: they go in the VALUES block. */
    private static List<Var> joinVars(Star star, List<Binding> group) {
        Set<Var> out = new LinkedHashSet<>();
        for (Var v : star.requiredVars())
            for (Binding b : group)
                if (b.contains(v)) {
                    out.add(v);
                    break;
                }
        return new ArrayList<>(out);
    }

    private static List<Binding> distinctRows(List<Binding> group, List<Var> joinVars) {
        if (joinVars.isEmpty()) return List.of();
        Set<List<Node>> seen = new LinkedHashSet<>();
        List<Binding> out = new ArrayList<>();
        for (Binding b : group) {
            List<Node> key = new ArrayList<>();
            for (Var v : joinVars) key.add(b.get(v));
            if (seen.add(key)) out.add(b);
        }
        return out;
    }
}
