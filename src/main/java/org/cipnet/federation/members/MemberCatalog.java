package org.cipnet.federation.members;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.E_Exists;
import org.apache.jena.sparql.expr.aggregate.AggregatorFactory;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.sparql.syntax.ElementUnion;
import org.cipnet.rdf.RdfInputException;

/**
 * What each member holds, for source selection: from its VoID (property and class partitions) when
 * it publishes one, else from ASK probes, cached. Summaries expire after a while so that new
 * publications are seen; a VoID is re-read with its {@code ETag}, so an unchanged one (304) is
 * neither sent nor parsed again.
 */
public final class MemberCatalog {
    /**
     * A member's statistics; {@code predicates} is null when unknown (no VoID): then probes decide.
     *
     * @param crossLinks     per predicate, objects in another member's space (from the link sets)
     * @param referenceLinks per predicate, objects described in the reference graph
     * @param etag           the {@code ETag} of the VoID they were read from, null when it had none:
     *                       the next load asks with it, and a 304 keeps these statistics
     */
    public record Summary(Map<String, Long> predicates, Map<String, Long> classes, long triples, long loadedAt,
                          Map<String, Long> crossLinks, Map<String, Long> referenceLinks, String etag) {
        static Summary unknown(long now) {
            return new Summary(null, null, -1, now, null, null, null);
        }

        /** The same statistics, as if read at {@code now}: the member's VoID (so its version) is unchanged since. */
        Summary renewed(long now) {
            return new Summary(predicates, classes, triples, now, crossLinks, referenceLinks, etag);
        }
    }

    private static final long TTL_MS = 30_000;
    // Replaced only under the query lock's write side (replace), so a query sees one set of members.
    private volatile List<Member> members;
    private volatile List<Member> contract;
    /** Held for reading by each query while it plans and runs; {@link #replace} takes the write side between queries. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock queries = new java.util.concurrent.locks.ReentrantReadWriteLock(true);
    private final Graph reference;
    private final MemberRequests client;
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();
    private final Map<String, Boolean> probes = new ConcurrentHashMap<>();
    /** Whether a member holds a triple with this predicate and this (constant, non-class) object: see {@link #probeObjects}. */
    private final Map<ObjectKey, Boolean> objectProbes = new ConcurrentHashMap<>();
    /** Per member, how often its probe answers were dropped: an answer asked for before a drop is not kept after it. */
    private final Map<String, java.util.concurrent.atomic.AtomicLong> probeGenerations = new ConcurrentHashMap<>();

    private record ObjectKey(String member, Node predicate, Node object) {}

    public MemberCatalog(List<Member> members, Graph reference, MemberRequests client) {
        this(members, reference, client, VOID_TIMEOUT);
    }

    /** @param voidTimeout the most a member's VoID may take to arrive whole (members with a shorter timeout: theirs) */
    public MemberCatalog(List<Member> members, Graph reference, MemberRequests client, Duration voidTimeout) {
        this.members = List.copyOf(members);
        this.contract = this.members.stream().filter(Member::contract).toList();
        this.reference = reference;
        this.client = client;
        this.voidTimeout = voidTimeout;
    }

    public List<Member> members() { return members; }

    /**
     * The lock a query holds, for its whole run, so that the members do not change under it: the
     * planner and the executor read them many times, and a member that turned from a plain endpoint
     * into a contract member between two reads would have its triples read at the federator and
     * asked for in stars too.
     */
    public java.util.concurrent.locks.Lock queryLock() {
        return queries.readLock();
    }

    /**
     * Takes a member's new description (one that did not answer when the federator started has
     * answered since), in a moment with no query running, waiting at most {@code wait} for it (new
     * queries wait meanwhile, behind this). False when queries kept running that long: try again later.
     *
     * @throws RdfInputException when the new description clashes with another member's ({@link MemberDiscovery#requireDistinct})
     */
    public boolean replace(Member m, Duration wait) throws RdfInputException, InterruptedException {
        List<Member> next = members.stream().map(x -> x.id().equals(m.id()) ? m : x).toList();
        MemberDiscovery.requireDistinct(next);
        var write = queries.writeLock();
        if (!write.tryLock(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) return false;
        try {
            members = next;
            contract = next.stream().filter(Member::contract).toList();
            referenceChecks.remove(m.id());
            referenceStays.clear(); // read from the members' URI spaces, which this changes
            invalidate(m.id());
            return true;
        } finally {
            write.unlock();
        }
    }

    /** What the planner reads from the catalogue ({@link #planInputs()}): the members, and per member its part. */
    public record PlanInputs(List<Member> members, List<MemberInputs> perMember) {}

    /**
     * One member's part of the planner's inputs: its statistics without their age and ETag, and its
     * kept answer to "do you hold the reference graph?" (the catalogue's own record of it, compared
     * by identity: null when never asked, {@link #EXPIRED_ANSWER} when no longer kept).
     */
    public record MemberInputs(Map<String, Long> predicates, Map<String, Long> classes, long triples, Map<String, Long> crossLinks,
                               Map<String, Long> referenceLinks, long[] referenceAnswer) {}

    /** Marks a reference-graph answer that is no longer kept: the next plan asks again. */
    private static final long[] EXPIRED_ANSWER = new long[0];

    /**
     * What a plan made now would read from the catalogue: the members, each one's statistics and
     * its answer to "do you hold the reference graph?" while that answer is kept. Statistics re-read
     * unchanged (a VoID answered 304, a member without VoID renewed) keep their maps, so equal inputs
     * are cheap to compare (identity first), and a plan made from equal inputs is the plan the
     * planner would make again. Reads the statistics as planning does: a due refresh starts, expired
     * ones are waited for.
     */
    public PlanInputs planInputs() {
        List<Member> ms = members;
        List<MemberInputs> each = new ArrayList<>(ms.size());
        long now = System.currentTimeMillis();
        for (Member m : ms) {
            Summary s = summary(m);
            long[] answer = referenceChecks.get(m.id());
            if (answer != null && now - answer[1] >= REFERENCE_CHECK_TTL_MS) answer = EXPIRED_ANSWER;
            each.add(new MemberInputs(s.predicates(), s.classes(), s.triples(), s.crossLinks(), s.referenceLinks(), answer));
        }
        return new PlanInputs(ms, List.copyOf(each));
    }

    /** The members that get whole subject-stars ({@link Member#contract()}); the others are read at the federator. */
    public List<Member> contractMembers() { return contract; }

    public Graph reference() { return reference; }

    public Optional<Member> byId(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The member owning this IRI's subject triples, if any. */
    public Optional<Member> owner(String iri) {
        return members.stream().filter(m -> m.owns(iri)).findFirst();
    }


    /**
     * A member's VoID must arrive whole within this (or the member's timeout, if shorter; the
     * federator also keeps it under a quarter of its query timeout); a VoID that is slower, fails or
     * is not usable leaves the member to ASK probes, which are member requests of the query (with its
     * timeouts), so a member that is really down is named there.
     */
    public static final Duration VOID_TIMEOUT = Duration.ofSeconds(10);
    private final Duration voidTimeout;

    private final Map<String, java.util.concurrent.CompletableFuture<Summary>> loading = new ConcurrentHashMap<>();

    /**
     * The member's statistics, loaded at most once at a time per member: every query that needs them
     * meanwhile waits for the same load, which is bounded by {@link #VOID_TIMEOUT}.
     */
    public Summary summary(Member m) {
        Summary s = summaries.get(m.id());
        long age = s == null ? Long.MAX_VALUE : System.currentTimeMillis() - s.loadedAt();
        if (age < TTL_MS) {
            if (age >= refreshAt(m)) loadOnce(m); // in the background: this query still has fresh statistics
            return s;
        }
        return loadOnce(m).join();
    }

    /**
     * From this age on, a member's VoID statistics are re-read in the background by the next query
     * that looks at them, which still uses them: a VoID load takes at most the catalogue's VoID
     * timeout, so in a steady stream of queries the new statistics are in before the old ones expire
     * ({@link #TTL_MS}) and no query waits for a VoID. Statistics older than {@link #TTL_MS} are
     * never used: a query then waits for the load, as after a publication ({@link #invalidate(String)}).
     * A load asks with the {@code ETag} of the VoID in hand, and a 304 (the member's version is the
     * same) keeps its statistics as if read anew.
     * A member without VoID has nothing to load: its (unknown) statistics are renewed at expiry.
     */
    private long refreshAt(Member m) {
        return m.voidUrl() == null ? TTL_MS : Math.max(0, TTL_MS - voidTimeout.toMillis());
    }

    /** Starts loading every member's statistics that are not fresh or soon due, all at once (before planning a query). */
    public void prefetch() {
        for (Member m : members) {
            Summary s = summaries.get(m.id());
            if (s == null || System.currentTimeMillis() - s.loadedAt() >= refreshAt(m)) loadOnce(m);
        }
    }

    /** Loads the member's statistics now (or joins the load under way), as a refresh does; package-visible for tests. */
    java.util.concurrent.CompletableFuture<Summary> loadOnce(Member m) {
        // Re-read every TTL_MS: the statistics, and the probes that said "not there" (a member may have published since).
        if (m.voidUrl() == null) {
            forgetProbes(m.id(), true);
            Summary none = load(m);
            summaries.put(m.id(), none);
            return java.util.concurrent.CompletableFuture.completedFuture(none);
        }
        return loading.computeIfAbsent(m.id(), id -> {
            forgetProbes(id, true); // once per load: the queries that meet a load under way share it
            var f = new java.util.concurrent.CompletableFuture<Summary>();
            Thread t = new Thread(() -> {
                Summary loaded = Summary.unknown(System.currentTimeMillis());
                try {
                    loaded = load(m);
                } finally {
                    // Kept only while this load is still the member's current one: a publication seen
                    // meanwhile (invalidate) must not get the older statistics back for another TTL_MS.
                    Summary read = loaded;
                    loading.computeIfPresent(id, (k, current) -> {
                        if (current != f) return current;
                        summaries.put(id, read);
                        return null;
                    });
                    f.complete(loaded);
                }
            }, "cipnet-void-" + id);
            t.setDaemon(true);
            t.start();
            return f;
        });
    }

    /**
     * Forget one member's statistics (with their VoID's {@code ETag}) and probes, as when it is known to have published: the next
     * query that needs them reads them anew instead of waiting out {@link #TTL_MS}; a load under way
     * is not kept. Whether it holds the reference graph is not asked again: a node installs that
     * graph when it starts, and a publication does not change it.
     */
    public void invalidate(String memberId) {
        loading.remove(memberId);
        summaries.remove(memberId);
        forgetProbes(memberId, false);
    }

    /** Drops the member's probe answers: only the negative ones, or all. */
    private void forgetProbes(String memberId, boolean negativeOnly) {
        probes.entrySet().removeIf(e -> e.getKey().startsWith(memberId + " ") && !(negativeOnly && e.getValue()));
        synchronized (objectProbes) {
            generation(memberId).incrementAndGet();
            objectProbes.entrySet().removeIf(e -> e.getKey().member().equals(memberId) && !(negativeOnly && e.getValue()));
        }
    }

    private java.util.concurrent.atomic.AtomicLong generation(String memberId) {
        return probeGenerations.computeIfAbsent(memberId, k -> new java.util.concurrent.atomic.AtomicLong());
    }

    /** Forget all cached statistics (in tests). */
    public void invalidate() {
        summaries.clear();
        referenceChecks.clear();
        probes.clear();
        synchronized (objectProbes) {
            members.forEach(m -> generation(m.id()).incrementAndGet());
            objectProbes.clear();
        }
    }

    /**
     * Whether the member may hold triples with this predicate (and, for {@code rdf:type}, this class).
     * Unknown predicates ({@code null}, a variable) may always match.
     */
    public boolean mayHold(Member m, Node predicate, Node typeObject, MemberRequests.Probe probe) {
        if (predicate == null || !predicate.isURI()) return true;
        Summary s = summary(m);
        if (s.predicates() != null) {
            if (!s.predicates().containsKey(predicate.getURI())) return false;
            if (typeObject != null && typeObject.isURI() && predicate.getURI().equals(RDF_TYPE))
                return s.classes().containsKey(typeObject.getURI());
            return true;
        }
        String ask = typeObject != null && typeObject.isURI() && predicate.getURI().equals(RDF_TYPE)
                ? classAsk(typeObject) : predicateAsk(predicate);
        Boolean known = probes.get(m.id() + " " + ask);
        if (known != null) return known;
        return probes.computeIfAbsent(m.id() + " " + ask, k -> {
            try {
                return probe.ask(m, ask);
            } catch (RuntimeException e) {
                return true; // cannot tell: ask it, and let the query's own request report the failure
            }
        });
    }

    /**
     * Asks a member without VoID, in one request, which of these predicates and classes it uses, and
     * caches the answers for {@link #mayHold}: one probe per member instead of one per term.
     */
    public void probeAll(Member m, java.util.Collection<Node> predicates, java.util.Collection<Node> classes, MemberRequests.Probe probe) {
        if (summary(m).predicates() != null) return;
        List<Node> ps = predicates.stream().filter(p -> p != null && p.isURI()).filter(p -> !probes.containsKey(m.id() + " " + predicateAsk(p))).distinct().toList();
        List<Node> cs = classes.stream().filter(c -> c != null && c.isURI()).filter(c -> !probes.containsKey(m.id() + " " + classAsk(c))).distinct().toList();
        if (ps.isEmpty() && cs.isEmpty()) return;
        // SELECT ?p ?c { { VALUES ?p { … } FILTER EXISTS { ?s ?p ?o } } UNION { VALUES ?c { … } FILTER EXISTS { ?s a ?c } } }
        var P = Var.alloc("p");
        var C = Var.alloc("c");
        ElementUnion union = new ElementUnion();
        if (!ps.isEmpty()) union.addElement(present(P, ps, Triple.create(Var.alloc("s"), P, Var.alloc("o"))));
        if (!cs.isEmpty()) union.addElement(present(C, cs, Triple.create(Var.alloc("s"), NodeFactory.createURI(RDF_TYPE), C)));
        ElementGroup where = new ElementGroup();
        where.addElement(union.getElements().size() == 1 ? union.getElements().get(0) : union);
        Query q = org.cipnet.sparql.Syntax.select(where, P, C);
        try {
            var present = new java.util.HashSet<Node>();
            for (var b : probe.select(m, q.serialize(), Map.of("p", P, "c", C))) {
                if (b.contains(P)) present.add(b.get(P));
                if (b.contains(C)) present.add(b.get(C));
            }
            for (Node p : ps) probes.put(m.id() + " " + predicateAsk(p), present.contains(p));
            for (Node c : cs) probes.put(m.id() + " " + classAsk(c), present.contains(c));
        } catch (RuntimeException e) {
            // Cannot tell: assume it may hold them, so the query's own request goes there and names the failure.
            for (Node p : ps) probes.put(m.id() + " " + predicateAsk(p), true);
            for (Node c : cs) probes.put(m.id() + " " + classAsk(c), true);
        }
    }

    /**
     * Whether the member may hold a triple with this predicate and object, as far as a probe of
     * this member ({@link #probeObjects}) told: true when never asked (a variable or {@code rdf:type}
     * object, a value ARQ substituted per row that no probe asked about, a probe that failed).
     * Call after {@link #mayHold} for the predicate, which drops expired answers.
     */
    public boolean mayHoldObject(Member m, Node predicate, Node object) {
        if (object == null || object.isVariable()) return true;
        return objectProbes.getOrDefault(new ObjectKey(m.id(), predicate, object), true);
    }

    /**
     * Asks a contract member in one request which of these triple patterns with a constant object
     * ({@code ?s <p> <o>}, not {@code rdf:type}, whose predicate it may hold) it has a triple of,
     * and keeps the answers for {@link #mayHoldObject}: VoID partitions tell predicates and classes,
     * not which objects. Positive answers are kept until the member's statistics are dropped for a
     * new version ({@link #invalidate(String)}); negative ones also go whenever its statistics are
     * re-read (from 20 s of age on, never used past 30 s), as the predicate probes' do. A failed
     * probe keeps nothing: the member may hold them, and the failure is in the query's trace.
     */
    public void probeObjects(Member m, java.util.Collection<Triple> patterns, MemberRequests.Probe probe) {
        if (!m.contract()) return;
        Summary s = summary(m);
        List<Triple> ask = patterns.stream()
                .filter(t -> t.getPredicate().isURI() && !t.getPredicate().getURI().equals(RDF_TYPE) && t.getObject().isConcrete())
                .filter(t -> s.predicates() != null ? s.predicates().containsKey(t.getPredicate().getURI())
                        : probes.getOrDefault(m.id() + " " + predicateAsk(t.getPredicate()), true))
                .map(t -> Triple.create(Var.alloc("s"), t.getPredicate(), t.getObject()))
                .filter(t -> !objectProbes.containsKey(new ObjectKey(m.id(), t.getPredicate(), t.getObject())))
                .distinct().toList();
        if (ask.isEmpty()) return;
        // SELECT ?i { VALUES (?i ?p ?o) { (0 p0 o0) … } FILTER EXISTS { ?s ?p ?o } }: answered by position, as a store
        // may give a literal back in another form than the query wrote it (a canonical number, a lower-case tag).
        var I = Var.alloc("i");
        var P = Var.alloc("p");
        var O = Var.alloc("o");
        List<org.apache.jena.sparql.engine.binding.Binding> rows = new ArrayList<>();
        for (int i = 0; i < ask.size(); i++) {
            var row = org.apache.jena.sparql.engine.binding.Binding.builder();
            row.add(I, NodeFactory.createLiteralDT(Integer.toString(i), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
            row.add(P, ask.get(i).getPredicate());
            row.add(O, ask.get(i).getObject());
            rows.add(row.build());
        }
        Query q = org.cipnet.sparql.Syntax.select(present(List.of(I, P, O), rows, Triple.create(Var.alloc("s"), P, O)), I);
        long before = generation(m.id()).get();
        var present = new java.util.HashSet<Integer>();
        try {
            for (var b : probe.select(m, q.serialize(), Map.of("i", I)))
                if (b.contains(I) && b.get(I).isLiteral() && b.get(I).getLiteralValue() instanceof Number n) present.add(n.intValue());
        } catch (RuntimeException e) {
            return; // cannot tell: nothing kept, so the query's own request goes there (the failure is in its trace)
        }
        synchronized (objectProbes) { // not kept when the member's probe answers were dropped meanwhile (a publication)
            if (generation(m.id()).get() != before) return;
            for (int i = 0; i < ask.size(); i++)
                objectProbes.put(new ObjectKey(m.id(), ask.get(i).getPredicate(), ask.get(i).getObject()), present.contains(i));
        }
    }

    /** {@code VALUES ?v { terms } FILTER EXISTS { pattern }}: which of the terms the member uses. */
    private static ElementGroup present(Var v, List<Node> terms, Triple pattern) {
        return present(List.of(v), terms.stream().map(t -> org.apache.jena.sparql.engine.binding.BindingFactory.binding(v, t)).toList(), pattern);
    }

    /** {@code VALUES (vars) { rows } FILTER EXISTS { pattern }}: the rows the member has a match for. */
    private static ElementGroup present(List<Var> vars, List<org.apache.jena.sparql.engine.binding.Binding> rows, Triple pattern) {
        ElementData values = new ElementData();
        vars.forEach(values::add);
        rows.forEach(values::add);
        ElementGroup group = new ElementGroup();
        group.addElement(values);
        group.addElement(new ElementFilter(new E_Exists(group(pattern))));
        return group;
    }

    private static String predicateAsk(Node p) {
        return ask(Triple.create(Var.alloc("s"), p, Var.alloc("o")));
    }

    private static String classAsk(Node c) {
        return ask(Triple.create(Var.alloc("s"), NodeFactory.createURI(RDF_TYPE), c));
    }

    /** {@code ASK { pattern }}; its text is also the key of the cached answer. */
    private static String ask(Triple pattern) {
        Query q = new Query();
        q.setQueryAskType();
        q.setQueryPattern(group(pattern));
        return q.serialize();
    }

    /** {@code { pattern }}: a group, as a query pattern and EXISTS print it. */
    private static ElementGroup group(Triple pattern) {
        ElementPathBlock block = new ElementPathBlock();
        block.addTriple(pattern);
        ElementGroup group = new ElementGroup();
        group.addElement(block);
        return group;
    }

    /** Estimated number of triples with this predicate at the member, or -1 when unknown. */
    public long estimate(Member m, Node predicate) {
        Summary s = summary(m);
        if (s.predicates() == null) return -1;
        if (predicate == null || !predicate.isURI()) return s.triples();
        return s.predicates().getOrDefault(predicate.getURI(), 0L);
    }

    /** A per-member count summed over all members, or -1 when some member's is unknown (-1). */
    public long total(java.util.function.ToLongFunction<Member> count) {
        long sum = 0;
        for (Member m : members) {
            long e = count.applyAsLong(m);
            if (e < 0) return -1;
            sum += e;
        }
        return sum;
    }

    /** Estimated instances of a class at the member (its VoID class partition), or -1 when unknown. */
    public long instances(Member m, Node type) {
        Summary s = summary(m);
        if (s.classes() == null || type == null || !type.isURI()) return -1;
        return s.classes().getOrDefault(type.getURI(), 0L);
    }

    /**
     * Whether following this predicate never leaves the source it starts in: no member's link sets
     * count an object in another member's space or in the reference graph, every member publishes
     * link sets, and the reference graph's own objects of it are in no member's space
     * ({@link #referenceStays}). Then a subject and the objects it reaches this way lie with the
     * same member, or both in the reference graph (which the federator evaluates every pushed-down
     * star over as a whole), and a join along it can run there.
     */
    public boolean memberLocal(Node predicate) {
        return linksStay(predicate) && members.stream().allMatch(m -> summary(m).referenceLinks().getOrDefault(predicate.getURI(), 0L) == 0);
    }

    /**
     * Whether following this predicate leads only to the member's own subjects or to the reference
     * graph's (or to resources nobody describes), and every member holds the federator's reference
     * graph as its named graph (checked, {@link #holdsReference}). Then what is said about
     * those objects lies with the member, in its own graph or its copy of the reference graph, and a
     * join along it can run there (the reference graph's own links of it stay in the reference
     * graph, {@link #referenceStays}, where the federator joins them).
     */
    public boolean localOrReference(Node predicate) {
        return linksStay(predicate) && members.stream().allMatch(this::holdsReference);
    }

    /** No member's link sets count an object in another member's space; all are contract members with link sets; the reference graph's links stay too. */
    private boolean linksStay(Node predicate) {
        if (predicate == null || !predicate.isURI() || members.isEmpty()) return false;
        if (!referenceStays(predicate)) return false;
        for (Member m : members) {
            Summary s = summary(m);
            if (s.crossLinks() == null || !m.contract()) return false;
            if (s.crossLinks().getOrDefault(predicate.getURI(), 0L) > 0) return false;
        }
        return true;
    }

    /** Per predicate, {@link #referenceStays}: the reference graph is fixed for the catalog's lifetime, and so are the members' spaces. */
    private final Map<Node, Boolean> referenceStays = new ConcurrentHashMap<>();

    /**
     * Whether no object the reference graph gives this predicate is an IRI in a member's space: its
     * objects are then its own blank nodes, literals, or IRIs that no contract member describes
     * (a contract member holds triples about its own subjects only), so what the reference graph
     * reaches along it is in the reference graph too. A programme level's {@code cip:period} (a
     * blank node) is such a link; a reference triple pointing at a member's cluster would not be.
     */
    private boolean referenceStays(Node predicate) {
        return referenceStays.computeIfAbsent(predicate, p -> reference.stream(Node.ANY, p, Node.ANY)
                .noneMatch(t -> t.getObject().isURI() && owner(t.getObject().getURI()).isPresent()));
    }

    /**
     * The name under which cipnet nodes keep their copy of the reference graph, and the target of
     * their link sets into it: a member whose link sets point there answers {@code GRAPH} patterns on it.
     */
    public static final String REFERENCE_GRAPH = org.cipnet.node.GraphNames.REFERENCE.getURI();

    static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    /** How long a member's answer to "do you hold the reference graph?" is kept: it changes only when the member is upgraded. */
    static final long REFERENCE_CHECK_TTL_MS = 10 * 60_000;
    private final Map<String, long[]> referenceChecks = new ConcurrentHashMap<>();

    /**
     * Whether the member's named reference graph has exactly as many triples as the federator's (a
     * non-empty one): asked when a plan first needs it, then kept for {@link #REFERENCE_CHECK_TTL_MS}.
     */
    boolean holdsReference(Member m) {
        if (reference.isEmpty() || !m.contract()) return false;
        long now = System.currentTimeMillis();
        long[] known = referenceChecks.get(m.id());
        if (known != null && now - known[1] < REFERENCE_CHECK_TTL_MS) return known[0] == 1;
        boolean holds = countsReference(m);
        referenceChecks.put(m.id(), new long[] {holds ? 1 : 0, now});
        return holds;
    }

    private static final Var COUNT = Var.alloc("n");
    /** {@code SELECT (COUNT(*) AS ?n) WHERE { GRAPH <reference> { ?s ?p ?o } }}, the same for every member. */
    private static final String COUNT_REFERENCE = countReference();

    private static String countReference() {
        Query q = new Query();
        q.setQuerySelectType();
        q.addResultVar(COUNT, q.allocAggregate(AggregatorFactory.createCount(false)));
        ElementGroup where = new ElementGroup();
        where.addElement(new ElementNamedGraph(NodeFactory.createURI(REFERENCE_GRAPH), group(Triple.create(Var.alloc("s"), Var.alloc("p"), Var.alloc("o")))));
        q.setQueryPattern(where);
        return q.serialize();
    }

    private boolean countsReference(Member m) {
        var n = COUNT;
        try {
            List<org.apache.jena.sparql.engine.binding.Binding> rows = client.select(m, COUNT_REFERENCE, Map.of("n", n),
                    voidTimeout); // part of loading its statistics: within the VoID's bound
            return rows.size() == 1 && rows.get(0).contains(n) && rows.get(0).get(n).isLiteral()
                    && rows.get(0).get(n).getLiteralValue() instanceof Number count && count.longValue() == reference.size();
        } catch (RuntimeException e) {
            return false; // cannot tell: then lookups are not folded into its requests, which is always exact
        }
    }

    private Summary load(Member m) {
        long now = System.currentTimeMillis();
        if (m.voidUrl() == null) return Summary.unknown(now);
        // Asked only if it changed since the statistics in hand were read: parsing ten members' VoID
        // holds Jena's process-wide IRI locks for a second or two, which the queries' own parsing waits on.
        Summary known = summaries.get(m.id());
        String etag = known != null && known.predicates() != null ? known.etag() : null;
        try {
            Duration wait = m.timeout().compareTo(voidTimeout) < 0 ? m.timeout() : voidTimeout;
            MemberRequests.Document doc = client.fetch(m, m.voidUrl(), "text/turtle", etag, wait);
            if (doc.unchanged()) return known.renewed(now);
            Model model = ModelFactory.createDefaultModel();
            model.read(new StringReader(doc.body()), m.voidUrl(), "TTL");
            Map<String, Long> preds = new ConcurrentHashMap<>();
            Map<String, Long> classes = new ConcurrentHashMap<>();
            long[] triples = {-1};
            String prefix = "PREFIX void: <http://rdfs.org/ns/void#> ";
            try (var qe = QueryExecutionFactory.create(prefix + "SELECT ?p ?n { ?d void:propertyPartition [ void:property ?p ; void:triples ?n ] }", model)) {
                qe.execSelect().forEachRemaining(r -> preds.put(r.getResource("p").getURI(), r.getLiteral("n").getLong()));
            }
            try (var qe = QueryExecutionFactory.create(prefix + "SELECT ?c ?n { ?d void:classPartition [ void:class ?c ; void:entities ?n ] }", model)) {
                qe.execSelect().forEachRemaining(r -> classes.put(r.getResource("c").getURI(), r.getLiteral("n").getLong()));
            }
            try (var qe = QueryExecutionFactory.create(prefix + "SELECT ?n { ?d void:triples ?n ; void:uriSpace ?u }", model)) {
                qe.execSelect().forEachRemaining(r -> triples[0] = r.getLiteral("n").getLong());
            }
            Map<String, Long> links = new ConcurrentHashMap<>();
            Map<String, Long> referenceLinks = new ConcurrentHashMap<>();
            try (var qe = QueryExecutionFactory.create(prefix + "SELECT ?p ?t (SUM(?n) AS ?total) { ?l a void:Linkset ; void:linkPredicate ?p ; "
                    + "void:objectsTarget ?t ; void:triples ?n } GROUP BY ?p ?t", model)) {
                qe.execSelect().forEachRemaining(r -> (r.getResource("t").getURI().equals(REFERENCE_GRAPH) ? referenceLinks : links)
                        .merge(r.getResource("p").getURI(), r.getLiteral("total").getLong(), Long::sum));
            }
            return new Summary(preds, classes, triples[0], now, links, referenceLinks, doc.etag());
        } catch (Exception e) {
            // No usable VoID: fall back to probes; the member is still asked, so a real outage is reported then.
            return Summary.unknown(now);
        }
    }
}
