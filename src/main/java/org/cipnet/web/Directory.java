package org.cipnet.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.cipnet.federation.members.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster organisations of the whole network with the facts the Yellow Pages search, facet and
 * rank on, and the labels (every language) of everything they point to; read from the federated
 * endpoint with six queries into one immutable snapshot, with the search index built over it.
 *
 * <p>Freshness: every {@code refreshSeconds} the members' VoID descriptions (which a cipnet node
 * recomputes on every publication) are fetched and hashed; when any changed, a new snapshot is read
 * and swapped in. A VoID that came with an {@code ETag} is asked for again with {@code If-None-Match},
 * and a 304 stands for the body hashed last time, so an unchanged member sends headers only. A
 * member without VoID is re-read at most every ten refresh periods. Requests never
 * wait for a rebuild, except the very first one.
 */
final class Directory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Directory.class);
    private static final String COUNTRY = "http://publications.europa.eu/resource/authority/country/";

    /** One cluster organisation as the search and the facets see it. */
    record Entry(String iri, Map<String, String> names, String country, String city, String region, Set<String> ecosystems,
                 Set<String> categories, Set<String> levels, Set<String> awards, List<String> otherNames, Map<String, String> descriptions,
                 String founded) {}

    /** Everything the pages read without asking the federator again. */
    record Snapshot(List<Entry> entries, Map<String, Entry> byIri, Map<String, Map<String, String>> labels,
                    Map<String, List<String>> altLabels, Map<String, String> countryOf, Map<String, Set<String>> related, SearchIndex index,
                    Map<String, org.apache.jena.graph.Graph> profiles) {

        /** The label of any resource in the visitor's languages; else a country's English name; else the IRI's last segment. */
        String label(String iri, Ui ui) {
            if (iri == null) return "";
            var l = labels.get(iri);
            if (l != null) return ui.pick(l, iri);
            if (iri.startsWith(COUNTRY)) return FALLBACK_COUNTRIES.getOrDefault(iri.substring(COUNTRY.length()), iri.substring(COUNTRY.length()));
            return iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1);
        }

        String countryLabel(String code, Ui ui) {
            return label(COUNTRY + code, ui);
        }
    }

    /** English country names for when the reference graph has no label for a country yet. */
    static final Map<String, String> FALLBACK_COUNTRIES = new LinkedHashMap<>();
    static {
        String[][] c = {{"ISL", "Iceland"}, {"NOR", "Norway"}, {"SWE", "Sweden"}, {"FIN", "Finland"}, {"DNK", "Denmark"}, {"RUS", "Russia"},
                {"EST", "Estonia"}, {"LVA", "Latvia"}, {"LTU", "Lithuania"}, {"POL", "Poland"}, {"CZE", "Czechia"}};
        for (String[] x : c) FALLBACK_COUNTRIES.put(x[0], x[1]);
    }

    /** The network's countries, in the network's order. */
    static final List<String> COUNTRIES = List.copyOf(FALLBACK_COUNTRIES.keySet());

    static String countryCode(Node n) {
        if (n == null || !n.isURI() || !n.getURI().startsWith(COUNTRY)) return null;
        return n.getURI().substring(COUNTRY.length());
    }

    static String countryIri(String code) {
        return COUNTRY + code;
    }

    private static final Query ORGS = Sparql.parse("SELECT ?co ?p ?o WHERE { ?co a cip:ClusterOrganisation ; ?p ?o }");
    private static final Query LEVELS = Sparql.parse("SELECT ?co ?v WHERE { ?x cip:participant ?co ; cip:level ?v }");
    private static final Query AWARDS = Sparql.parse("SELECT ?co ?v WHERE { ?co cip:hasLabelAward ?a . ?a cip:labelLevel ?v }");
    private static final Query LABELS = Sparql.parse("SELECT ?s ?l ?r ?a WHERE { { ?s skos:prefLabel ?l } UNION { ?s rdfs:label ?r } UNION { ?s skos:altLabel ?a } }");
    private static final Query RELATED = Sparql.parse("SELECT ?co ?v WHERE { ?co skos:related ?v }");
    private static final Query COUNTRY_OF = Sparql.parse("SELECT ?s ?c WHERE { ?s cip:country ?c }");

    private final Sparql sparql;
    private final List<Member> members;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService refresher;
    private volatile Snapshot current;
    private volatile String fingerprint = "";
    private long checks;
    /** Per member id: the {@code ETag} of its VoID's last 200 and what that answer added to the fingerprint. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final AtomicLong unchanged = new AtomicLong();

    private record Seen(String etag, String part) {}

    Directory(Sparql sparql, List<Member> members, int refreshSeconds) {
        this.sparql = sparql;
        this.members = members;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "yellow-pages-refresh");
            t.setDaemon(true);
            return t;
        });
        if (refreshSeconds > 0) refresher.scheduleWithFixedDelay(this::refreshIfChanged, refreshSeconds, refreshSeconds, TimeUnit.SECONDS);
    }

    Snapshot snapshot() {
        Snapshot s = current;
        if (s != null) return s;
        synchronized (this) {
            if (current == null) {
                fingerprint = fingerprint();
                current = load();
                readAhead(current);
            }
            return current;
        }
    }

    private void refreshIfChanged() {
        try {
            if (current == null) {
                // The first snapshot, built once: a check racing a visitor's first request would otherwise build a second and replace it.
                snapshot();
                return;
            }
            String f = fingerprint();
            if (f.equals(fingerprint)) return;
            Snapshot s = load();
            synchronized (this) {
                current = s;
                fingerprint = f;
            }
            LOG.info("Yellow Pages: search index rebuilt ({} cluster organisations)", s.entries().size());
            readAhead(s);
        } catch (RuntimeException e) {
            LOG.warn("Yellow Pages: refresh failed, keeping the previous index: {}", e.getMessage());
        }
    }

    /** Profiles read ahead in the background, after the snapshot is in use: until then, and if this fails, each is read on its first visit. */
    private void readAhead(Snapshot s) {
        refresher.execute(() -> {
            if (s != current) return;
            try {
                Profile.readAhead(sparql, s);
            } catch (RuntimeException e) {
                LOG.warn("Yellow Pages: profiles not read ahead, each is read on its first visit: {}", e.getMessage());
            }
        });
    }

    /** A hash of every member's VoID; members without one count as changed every tenth check. */
    private String fingerprint() {
        StringBuilder sb = new StringBuilder();
        checks++;
        for (Member m : members) {
            if (m.voidUrl() == null) {
                sb.append(m.id()).append(':').append(checks / 10).append(';');
                continue;
            }
            try {
                Seen before = seen.get(m.id());
                var req = HttpRequest.newBuilder(URI.create(m.voidUrl())).timeout(Duration.ofSeconds(5)).header("Accept", "application/n-triples");
                if (before != null) req.header("If-None-Match", before.etag());
                var res = http.send(req.GET().build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 304 && before != null) {
                    unchanged.incrementAndGet();
                    sb.append(before.part());
                    continue;
                }
                String part = m.id() + ':' + res.statusCode() + ':' + res.body().hashCode() + ';';
                var etag = res.statusCode() == 200 ? res.headers().firstValue("ETag") : Optional.<String>empty();
                if (etag.isPresent()) seen.put(m.id(), new Seen(etag.get(), part));
                else seen.remove(m.id());
                sb.append(part);
            } catch (Exception e) {
                sb.append(m.id()).append(":down;");
            }
        }
        return sb.toString();
    }

    /** VoID checks a member answered 304 (unchanged since the body hashed last). */
    long unchangedAnswers() {
        return unchanged.get();
    }

    private Snapshot load() {
        Map<String, Map<String, List<Node>>> facts = new LinkedHashMap<>();
        for (var r : sparql.select(ORGS))
            facts.computeIfAbsent(r.get("co").getURI(), k -> new HashMap<>()).computeIfAbsent(r.get("p").getURI(), k -> new ArrayList<>()).add(r.get("o"));
        Map<String, Set<String>> levels = multi(LEVELS), awards = multi(AWARDS);
        Map<String, Map<String, String>> labels = new HashMap<>();
        Map<String, List<String>> alt = new HashMap<>();
        Map<String, Map<String, String>> rdfsLabels = new HashMap<>();
        for (var r : sparql.select(LABELS)) {
            if (!r.get("s").isURI()) continue;
            String s = r.get("s").getURI();
            Node l = r.get("l"), rl = r.get("r"), a = r.get("a");
            if (l != null && l.isLiteral()) labels.computeIfAbsent(s, k -> new LinkedHashMap<>()).putIfAbsent(l.getLiteralLanguage(), l.getLiteralLexicalForm());
            if (rl != null && rl.isLiteral()) rdfsLabels.computeIfAbsent(s, k -> new LinkedHashMap<>()).putIfAbsent(rl.getLiteralLanguage(), rl.getLiteralLexicalForm());
            if (a != null && a.isLiteral()) alt.computeIfAbsent(s, k -> new ArrayList<>()).add(a.getLiteralLexicalForm());
        }
        // skos:prefLabel first; rdfs:label (sources, collaborations, datasets) where there is none.
        rdfsLabels.forEach((s, m) -> m.forEach((lang, v) -> labels.computeIfAbsent(s, k -> new LinkedHashMap<>()).putIfAbsent(lang, v)));
        Map<String, String> countryOf = new HashMap<>();
        for (var r : sparql.select(COUNTRY_OF)) {
            String c = countryCode(r.get("c"));
            if (r.get("s").isURI() && c != null) countryOf.put(r.get("s").getURI(), c);
        }
        List<Entry> entries = new ArrayList<>();
        for (var e : facts.entrySet()) {
            Map<String, List<Node>> f = e.getValue();
            Map<String, String> names = langMap(f.get(Terms.PREF_LABEL));
            List<String> other = new ArrayList<>();
            for (String p : List.of(Terms.ALT_LABEL, Terms.FORMER_NAME))
                for (Node n : f.getOrDefault(p, List.of())) if (n.isLiteral()) other.add(n.getLiteralLexicalForm());
            Map<String, String> desc = langMap(f.get(Terms.DESCRIPTION));
            langMap(f.get(Terms.COMMENT)).forEach(desc::putIfAbsent);
            entries.add(new Entry(e.getKey(), names, first(f, Terms.COUNTRY, Directory::countryCode), first(f, Terms.CITY, Node::getLiteralLexicalForm),
                    first(f, Terms.REGION, Node::getURI), uris(f.get(Terms.ECOSYSTEM)), uris(f.get(Terms.CATEGORY)),
                    levels.getOrDefault(e.getKey(), Set.of()), awards.getOrDefault(e.getKey(), Set.of()), List.copyOf(other), Map.copyOf(desc),
                    first(f, Terms.FOUNDING_DATE, Node::getLiteralLexicalForm)));
        }
        entries.sort(Comparator.comparing(x -> Text.fold(x.names().getOrDefault("en", x.names().values().stream().findFirst().orElse(x.iri())))));
        Map<String, Entry> byIri = new LinkedHashMap<>();
        for (Entry x : entries) byIri.put(x.iri(), x);
        Map<String, Map<String, String>> frozen = new HashMap<>();
        labels.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        // skos:related between code-list concepts (ecosystems, categories): the only ground for calling two clusters complementary.
        Map<String, Set<String>> related = new HashMap<>();
        multi(RELATED).forEach((a, bs) -> bs.forEach(b -> {
            related.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(b);
            related.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(a);
        }));
        Snapshot partial = new Snapshot(List.copyOf(entries), Map.copyOf(byIri), Map.copyOf(frozen), Map.copyOf(alt), Map.copyOf(countryOf),
                Map.copyOf(related), null, null);
        // Profile graphs read while this snapshot is current (one per cluster at most): a new snapshot, after a publication, starts empty.
        return new Snapshot(partial.entries(), partial.byIri(), partial.labels(), partial.altLabels(), partial.countryOf(), partial.related(),
                SearchIndex.build(partial), new ConcurrentHashMap<>());
    }

    private static Map<String, String> langMap(List<Node> nodes) {
        Map<String, String> m = new LinkedHashMap<>();
        if (nodes != null) for (Node n : nodes) if (n.isLiteral()) m.putIfAbsent(n.getLiteralLanguage(), n.getLiteralLexicalForm());
        return m;
    }

    private static Set<String> uris(List<Node> nodes) {
        Set<String> s = new LinkedHashSet<>();
        if (nodes != null) for (Node n : nodes) if (n.isURI()) s.add(n.getURI());
        return Set.copyOf(s);
    }

    private static String first(Map<String, List<Node>> f, String p, Function<Node, String> value) {
        for (Node n : f.getOrDefault(p, List.of())) {
            String v = value.apply(n);
            if (v != null) return v;
        }
        return null;
    }

    /** {@code ?co} to the IRIs bound to {@code ?v}. */
    private Map<String, Set<String>> multi(Query q) {
        Map<String, Set<String>> m = new HashMap<>();
        for (var r : sparql.select(q)) m.computeIfAbsent(r.get("co").getURI(), k -> new LinkedHashSet<>()).add(r.get("v").getURI());
        return m;
    }

    /** Facet counts for one dimension over a set of entries. */
    static Map<String, Integer> facet(List<Entry> entries, Function<Entry, Set<String>> values) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Entry e : entries) for (String v : values.apply(e)) counts.merge(v, 1, Integer::sum);
        return counts;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
