package org.cipnet.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.cipnet.federation.members.Member;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.Context;

/** The pages of the Yellow Pages: each builds a {@link Views} model; {@link WebFront} renders it. */
final class Pages {
    /** The search facets: query parameter, title key, values of an entry. */
    private record FacetKind(String key, Function<Directory.Entry, Set<String>> values) {}

    private static final List<FacetKind> FACETS = List.of(
            new FacetKind("country", e -> e.country() == null ? Set.of() : Set.of(e.country())),
            new FacetKind("eco", Directory.Entry::ecosystems), new FacetKind("cat", Directory.Entry::categories),
            new FacetKind("level", Directory.Entry::levels), new FacetKind("award", Directory.Entry::awards));

    private static final Query HITS_RDF = Sparql.parse("""
            CONSTRUCT { ?co a cip:ClusterOrganisation ; skos:prefLabel ?l ; cip:country ?c ; cip:city ?city ; cip:industrialEcosystem ?e ; cip:clusterCategory ?k }
            WHERE { ?co a cip:ClusterOrganisation ; skos:prefLabel ?l ; cip:country ?c
                    OPTIONAL { ?co cip:city ?city } OPTIONAL { ?co cip:industrialEcosystem ?e } OPTIONAL { ?co cip:clusterCategory ?k } }""");
    /**
     * The facts a comparison or a partner suggestion is made of, for clusters picked by
     * {@code VALUES ?co} (the partners page's candidates) or {@code VALUES ?c} (the countries compared).
     */
    private static final Query FACTS_RDF = Sparql.parse("""
            CONSTRUCT { ?co a cip:ClusterOrganisation ; skos:prefLabel ?l ; cip:country ?c ; cip:industrialEcosystem ?e ; cip:clusterCategory ?k ;
                            cip:hasLabelAward ?a . ?a cip:labelLevel ?al . ?x cip:participant ?co ; cip:level ?lv }
            WHERE { ?co a cip:ClusterOrganisation ; cip:country ?c
                    { ?co skos:prefLabel ?l } UNION { ?co cip:industrialEcosystem ?e } UNION { ?co cip:clusterCategory ?k }
                    UNION { ?co cip:hasLabelAward ?a OPTIONAL { ?a cip:labelLevel ?al } } UNION { ?x cip:participant ?co ; cip:level ?lv } }""");
    private static final Query DATASETS_RDF = Sparql.parse("CONSTRUCT { ?d ?p ?o } WHERE { ?d a void:Dataset ; ?p ?o }");

    private final Sparql sparql;
    private final Directory directory;
    private final List<Member> members;
    private final List<WebFront.Catalogue> catalogue;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Pages(Sparql sparql, Directory directory, List<Member> members, List<WebFront.Catalogue> catalogue) {
        this.sparql = sparql;
        this.directory = directory;
        this.members = members;
        this.catalogue = catalogue;
    }

    static boolean wantsTurtle(Context ctx) {
        return "ttl".equals(ctx.queryParam("format"));
    }

    /** This page's own address with {@code format=ttl}: the page's data as RDF. */
    static String rdfHref(String path, String qs) {
        StringBuilder sb = new StringBuilder(path).append('?');
        if (qs != null) for (String kv : qs.split("&")) if (!kv.isEmpty() && !kv.startsWith("format=") && !kv.startsWith("lang=")) sb.append(kv).append('&');
        return sb.append("format=ttl").toString();
    }

    // ---------------------------------------------------------------- search and browse

    private record Found(Directory.Snapshot snap, List<SearchIndex.Hit> hits, Map<String, String> filters, String q) {}

    /** What a search asks: its words (spaces collapsed, at most 200 characters) and its filters in facet order. */
    record Asked(String q, Map<String, String> filters) {
        /** The query string of this search's own address: the same for every request asking the same (order of parameters, spacing and unknown parameters aside). */
        String queryString() {
            java.util.StringJoiner sb = new java.util.StringJoiner("&");
            if (!q.isEmpty()) sb.add("q=" + Ui.enc(q));
            filters.forEach((k, v) -> sb.add(k + "=" + Ui.enc(v)));
            return sb.toString();
        }
    }

    static Asked asked(Map<String, List<String>> params) {
        String q = first(params, "q").strip().replaceAll("\\s+", " ");
        if (q.length() > 200) q = q.substring(0, 200);
        Map<String, String> filters = new LinkedHashMap<>();
        for (FacetKind f : FACETS) if (!first(params, f.key()).isBlank()) filters.put(f.key(), first(params, f.key()));
        return new Asked(q, filters);
    }

    private static String first(Map<String, List<String>> params, String key) {
        List<String> v = params.get(key);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    private Found find(Context ctx) {
        Asked a = asked(ctx.queryParamMap());
        String q = a.q();
        Map<String, String> filters = a.filters();
        Directory.Snapshot snap = directory.snapshot();
        List<SearchIndex.Hit> hits = new ArrayList<>();
        for (SearchIndex.Hit h : snap.index().search(q)) {
            boolean keep = true;
            for (FacetKind f : FACETS) if (filters.containsKey(f.key()) && !f.values().apply(h.entry()).contains(filters.get(f.key()))) keep = false;
            if (keep) hits.add(h);
        }
        return new Found(snap, hits, filters, q);
    }

    Graph searchRdf(Context ctx) {
        Found f = find(ctx);
        if (f.hits().isEmpty()) return org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        return sparql.construct(Sparql.values(HITS_RDF, "co", f.hits().stream().map(h -> NodeFactory.createURI(h.entry().iri())).toList()));
    }

    private static String href(String q, Map<String, String> filters) {
        return "/?" + new Asked(q, filters).queryString();
    }

    private String facetLabel(Directory.Snapshot snap, String key, String value, Ui ui) {
        return key.equals("country") ? snap.countryLabel(value, ui) : snap.label(value, ui);
    }

    Views.Search search(Context ctx, Ui ui) {
        Found f = find(ctx);
        Directory.Snapshot snap = f.snap();
        List<Directory.Entry> entries = f.hits().stream().map(SearchIndex.Hit::entry).toList();
        List<Views.Facet> facets = new ArrayList<>();
        for (FacetKind k : FACETS) {
            List<Views.FacetValue> vals = new ArrayList<>();
            var counts = new ArrayList<>(Directory.facet(entries, k.values()).entrySet());
            // Each value's label looked up once, not at every comparison of the sort.
            Map<String, String> labels = new java.util.HashMap<>();
            for (var c : counts) labels.put(c.getKey(), facetLabel(snap, k.key(), c.getKey(), ui));
            counts.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(e -> labels.get(e.getKey())));
            for (var c : counts) {
                Map<String, String> with = new LinkedHashMap<>(f.filters());
                boolean active = c.getKey().equals(with.get(k.key()));
                if (active) with.remove(k.key());
                else with.put(k.key(), c.getKey());
                vals.add(new Views.FacetValue(labels.get(c.getKey()), c.getValue(), href(f.q(), with), active));
            }
            if (!vals.isEmpty()) facets.add(new Views.Facet(k.key(), ui.t("facet." + k.key()), vals));
        }
        List<Views.Link> active = new ArrayList<>();
        f.filters().forEach((k, v) -> {
            Map<String, String> without = new LinkedHashMap<>(f.filters());
            without.remove(k);
            active.add(new Views.Link(ui.t("facet." + k) + ": " + facetLabel(snap, k, v, ui), href(f.q(), without)));
        });
        List<Views.Row> rows = new ArrayList<>();
        for (SearchIndex.Hit h : f.hits()) {
            Directory.Entry e = h.entry();
            String name = ui.pick(e.names(), e.iri()), en = e.names().get("en");
            rows.add(new Views.Row(Ui.clusterHref(e.iri()), name, ui.langOf(e.names()), en != null && !en.equals(name) ? en : null,
                    e.country() == null ? "" : snap.countryLabel(e.country(), ui), e.city(),
                    e.ecosystems().stream().map(x -> snap.label(x, ui)).sorted().toList(), e.levels().stream().map(x -> snap.label(x, ui)).sorted().toList(),
                    h.field() == null ? null : ui.t("field." + h.field().key()), h.matched()));
        }
        Map<String, Integer> byCountry = Directory.facet(entries, FACETS.get(0).values());
        return new Views.Search(f.q(), facets, active, f.filters().isEmpty() ? null : href(f.q(), Map.of()), rows, snap.entries().size(),
                WorldMap.areas(byCountry, c -> {
                    Map<String, String> with = new LinkedHashMap<>(f.filters());
                    with.put("country", c);
                    return href(f.q(), with);
                }, c -> snap.countryLabel(c, ui)), WorldMap.VIEW_BOX, f.filters());
    }

    /** Names for search-as-you-type: the best few hits as JSON. */
    List<Map<String, String>> suggest(Context ctx, Ui ui) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
        Directory.Snapshot snap = directory.snapshot();
        List<Map<String, String>> out = new ArrayList<>();
        if (q.isBlank()) return out;
        for (SearchIndex.Hit h : snap.index().search(q)) {
            if (out.size() == 10) break;
            Directory.Entry e = h.entry();
            out.add(Map.of("id", e.iri(), "name", ui.pick(e.names(), e.iri()), "country", e.country() == null ? "" : snap.countryLabel(e.country(), ui)));
        }
        return out;
    }

    // ---------------------------------------------------------------- profile

    private static String iriParam(Context ctx, String name, Ui ui) {
        String id = ctx.queryParam(name);
        if (id == null || !id.startsWith("https://w3id.org/cipnet/") || Ui.safeHref(id) == null)
            throw new WebFront.NotFound(ui.t("error.give-id", name));
        return id;
    }

    private Directory.Entry entry(String co, Directory.Snapshot snap, Ui ui) {
        Directory.Entry e = snap.byIri().get(co);
        if (e == null) throw new WebFront.NotFound(ui.t("error.not-a-cluster", co));
        return e;
    }

    /** The owning node's Linked Data page for a resource, or null when its member is not a cipnet node. */
    private String nodePage(String iri) {
        String cc = org.cipnet.vocab.CIP.memberOf(iri);
        for (Member m : members) {
            if (cc == null || !cc.equals(m.id()) || m.uriSpace() == null || !m.sparql().endsWith("/" + cc + "/sparql")) continue;
            String base = m.sparql().substring(0, m.sparql().length() - ("/" + cc + "/sparql").length());
            return base + "/page/" + iri.substring(org.cipnet.vocab.CIP.BASE.length());
        }
        return null;
    }

    Graph profileGraph(Context ctx, Ui ui) {
        Directory.Snapshot snap = directory.snapshot();
        String co = iriParam(ctx, "id", ui);
        entry(co, snap, ui);
        return Profile.read(sparql, snap, co);
    }

    Views.Profile profile(Context ctx, Ui ui) {
        Directory.Snapshot snap = directory.snapshot();
        String co = iriParam(ctx, "id", ui);
        if (!snap.byIri().containsKey(co)) {
            // What the reconciliation service's view links to besides clusters: an Observatory category (or a
            // regional-cluster key, a region × category cell) is the search for its clusters; anything else the
            // network knows (a programme, an agency, a partner) is on its node's Linked Data page.
            String elsewhere = categorySearch(co);
            if (elsewhere == null && plainPath(co) && (snap.labels().containsKey(co) || snap.countryOf().containsKey(co))) elsewhere = nodePage(co);
            if (elsewhere != null) throw new WebFront.Elsewhere(elsewhere);
        }
        entry(co, snap, ui);
        return Profile.of(Profile.read(sparql, snap, co), snap, co, ui, nodePage(co));
    }

    private static final String CATEGORY = org.cipnet.vocab.CIP.VOCAB + "eco-category/";
    private static final java.util.regex.Pattern REGIONAL_KEY = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(org.cipnet.vocab.CIP.VOCAB + "regional-cluster/") + "[A-Z]{2}[0-9A-Z]{0,3}-([1-9][0-9]?)");

    /**
     * The search filtered by an Observatory category, for the category's IRI or a regional-cluster key's
     * ({@code …/regional-cluster/NO0A-35}: NUTS-2 region, then the category's code, ontology/MODEL.md); else null.
     */
    static String categorySearch(String iri) {
        String category = iri.startsWith(CATEGORY) && iri.substring(CATEGORY.length()).matches("[1-9][0-9]?") ? iri : null;
        var key = REGIONAL_KEY.matcher(iri);
        if (key.matches()) category = CATEGORY + key.group(1);
        return category == null ? null : "/?cat=" + Ui.enc(category);
    }

    /** An IRI whose path has no dot segments, query or fragment: redirected, it stays the node's page of that resource. */
    private static boolean plainPath(String iri) {
        try {
            java.net.URI u = new java.net.URI(iri);
            return u.getRawQuery() == null && u.getRawFragment() == null && u.normalize().equals(u);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- compare

    Graph compareRdf(Context ctx) {
        List<String> ids = ctx.queryParams("id").stream().filter(i -> directory.snapshot().byIri().containsKey(i)).toList();
        Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        for (String id : ids) Profile.read(sparql, directory.snapshot(), id).find().forEachRemaining(g::add);
        List<Node> countries = ctx.queryParams("country").stream().filter(Directory.COUNTRIES::contains)
                .map(c -> NodeFactory.createURI(Directory.countryIri(c))).toList();
        if (ids.isEmpty() && !countries.isEmpty()) sparql.construct(Sparql.values(FACTS_RDF, "c", countries)).find().forEachRemaining(g::add);
        return g;
    }

    Views.Compare compare(Context ctx, Ui ui) {
        Directory.Snapshot snap = directory.snapshot();
        List<String> countries = ctx.queryParams("country").stream().filter(Directory.COUNTRIES::contains).distinct().toList();
        List<String> ids = ctx.queryParams("id").stream().filter(i -> snap.byIri().containsKey(i)).distinct().limit(6).toList();
        List<Views.Link> countryChoices = Directory.COUNTRIES.stream().map(c -> new Views.Link(snap.countryLabel(c, ui), c)).toList();
        List<Views.Link> picked = ids.stream().map(i -> new Views.Link(ui.pick(snap.byIri().get(i).names(), i), i)).toList();
        List<Views.Column> columns = new ArrayList<>();
        List<Views.CompareRow> rows = new ArrayList<>();
        Map<String, Object> chart = new LinkedHashMap<>();
        String notRecorded = ui.t("compare.not-recorded");
        if (!ids.isEmpty()) {
            List<Views.Profile> ps = new ArrayList<>();
            for (String id : ids) {
                Views.Profile p = Profile.of(Profile.read(sparql, snap, id), snap, id, ui, null);
                ps.add(p);
                columns.add(new Views.Column(p.name(), Ui.clusterHref(id)));
            }
            row(rows, ui.t("facet.country"), ps, p -> p.country(), notRecorded);
            row(rows, ui.t("profile.city"), ps, p -> p.city(), notRecorded);
            row(rows, ui.t("profile.founded"), ps, p -> p.founded(), notRecorded);
            row(rows, ui.t("compare.programme"), ps, p -> p.participations().isEmpty() ? null : String.join("; ", p.participations().stream()
                    .map(x -> (x.level() == null || x.level().equals(x.programme()) ? x.programme() : x.level() + " (" + x.programme() + ")") + " "
                            + ui.t("compare.since") + " " + x.from()).toList()), notRecorded);
            row(rows, ui.t("profile.labels"), ps, p -> p.awards().isEmpty() ? null : String.join("; ", p.awards().stream()
                    .map(a -> a.level() + " " + a.from() + (a.until() == null ? "" : "–" + a.until())).toList()), notRecorded);
            row(rows, ui.t("facet.eco"), ps, p -> join(p.classification(), Terms.ECOSYSTEM), notRecorded);
            row(rows, ui.t("facet.cat"), ps, p -> join(p.classification(), Terms.CATEGORY), notRecorded);
            Set<String> indicators = new TreeSet<>();
            ps.forEach(p -> p.indicators().forEach(i -> indicators.add(indicatorKey(i))));
            for (String ind : indicators)
                row(rows, ind, ps, p -> p.indicators().stream().filter(i -> indicatorKey(i).equals(ind)).findFirst()
                        .map(i -> {
                            Views.Point last = i.points().get(i.points().size() - 1);
                            return (last.approximate() ? "≈ " : "") + last.value() + " (" + last.period() + ")";
                        }).orElse(null), notRecorded);
            // Chart: every indicator series of every picked cluster, over time.
            List<Map<String, Object>> datasets = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++)
                for (Views.Indicator ind : ps.get(i).indicators()) {
                    List<Map<String, Object>> pts = new ArrayList<>();
                    for (Views.Point pt : ind.points()) pts.add(Map.of("x", pt.period(), "y", number(pt.value())));
                    datasets.add(Map.of("label", columns.get(i).name() + " · " + indicatorKey(ind), "data", pts));
                }
            if (!datasets.isEmpty()) {
                chart.put("type", "line");
                chart.put("datasets", datasets);
            }
        } else if (!countries.isEmpty()) {
            List<List<Directory.Entry>> groups = new ArrayList<>();
            for (String c : countries) {
                columns.add(new Views.Column(snap.countryLabel(c, ui), "/?country=" + c));
                groups.add(snap.entries().stream().filter(e -> c.equals(e.country())).toList());
            }
            count(rows, ui.t("compare.organisations"), groups, g -> true, g -> !g.isEmpty(), notRecorded);
            count(rows, ui.t("compare.in-programme"), groups, e -> !e.levels().isEmpty(), g -> g.stream().anyMatch(e -> !e.levels().isEmpty()), notRecorded);
            count(rows, ui.t("compare.with-label"), groups, e -> !e.awards().isEmpty(), g -> !g.isEmpty(), notRecorded);
            cells(rows, ui.t("compare.founded-earliest"), groups, g -> g.stream().map(Directory.Entry::founded).filter(x -> x != null).sorted().findFirst().orElse(null), notRecorded);
            Set<String> ecos = new TreeSet<>();
            groups.forEach(g -> g.forEach(e -> ecos.addAll(e.ecosystems())));
            for (String eco : ecos)
                count(rows, snap.label(eco, ui), groups, e -> e.ecosystems().contains(eco), g -> g.stream().anyMatch(e -> !e.ecosystems().isEmpty()), notRecorded);
            chart.put("type", "bar");
            chart.put("labels", ecos.stream().map(x -> snap.label(x, ui)).toList());
            List<Map<String, Object>> datasets = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                List<Directory.Entry> g = groups.get(i);
                datasets.add(Map.of("label", columns.get(i).name(), "data", ecos.stream().map(eco -> g.stream().filter(e -> e.ecosystems().contains(eco)).count()).toList()));
            }
            chart.put("datasets", datasets);
        }
        String json;
        try {
            json = chart.isEmpty() ? null : new ObjectMapper().writeValueAsString(chart);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Views.Compare(countryChoices, countries, picked, columns, rows, json, columns.isEmpty() ? ui.t("compare.pick") : null);
    }

    private static Object number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String indicatorKey(Views.Indicator i) {
        return i.label() + (i.dimension() == null ? "" : " · " + i.dimension()) + (i.unit().isEmpty() ? "" : " (" + i.unit() + ")");
    }

    private static String join(List<Views.Fact> facts, String p) {
        List<String> v = facts.stream().filter(f -> f.p().equals(p)).map(Views.Fact::value).toList();
        return v.isEmpty() ? null : String.join(", ", v);
    }

    private static void row(List<Views.CompareRow> rows, String label, List<Views.Profile> ps, Function<Views.Profile, String> cell, String none) {
        rows.add(new Views.CompareRow(label, ps.stream().map(p -> {
            String v = cell.apply(p);
            return v == null || v.isBlank() ? none : v;
        }).toList()));
    }

    private static void cells(List<Views.CompareRow> rows, String label, List<List<Directory.Entry>> groups, Function<List<Directory.Entry>, String> cell, String none) {
        rows.add(new Views.CompareRow(label, groups.stream().map(g -> {
            String v = cell.apply(g);
            return v == null ? none : v;
        }).toList()));
    }

    /** A count per country, or "not recorded" where the country's data says nothing about that dimension. */
    private static void count(List<Views.CompareRow> rows, String label, List<List<Directory.Entry>> groups, java.util.function.Predicate<Directory.Entry> in,
                              java.util.function.Predicate<List<Directory.Entry>> recorded, String none) {
        cells(rows, label, groups, g -> recorded.test(g) ? String.valueOf(g.stream().filter(in).count()) : null, none);
    }

    // ---------------------------------------------------------------- partners abroad

    Views.Partners partners(Context ctx, Ui ui) {
        Directory.Snapshot snap = directory.snapshot();
        String co = iriParam(ctx, "id", ui);
        Directory.Entry me = entry(co, snap, ui);
        Graph g = Profile.read(sparql, snap, co);
        Views.Profile p = Profile.of(g, snap, co, ui, null);
        Set<String> linked = new LinkedHashSet<>();
        for (Views.Collaboration c : p.collaborations()) for (Views.Partner x : c.partners()) if (x.href() != null) linked.add(x.href());
        List<Views.Candidate> out = new ArrayList<>();
        // One row per partner, with each collaboration once: several members may each publish their record of the same one.
        Map<String, Views.Partner> abroad = new LinkedHashMap<>();
        Map<String, Set<String>> why = new LinkedHashMap<>();
        for (Views.Collaboration c : p.collaborations())
            for (Views.Partner x : c.partners())
                if (x.country() == null || !x.country().equals(p.country())) {
                    String key = x.href() != null ? x.href() : x.name() + "\n" + x.country();
                    abroad.putIfAbsent(key, x);
                    why.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(c.type() == null ? c.name() : c.type() + ": " + c.name());
                }
        List<Views.Candidate> existing = abroad.entrySet().stream().map(e -> new Views.Candidate(null, e.getValue().href(), e.getValue().name(),
                e.getValue().country(), ui.t("partners.existing"), 10, List.copyOf(why.get(e.getKey())))).toList();
        for (Directory.Entry e : snap.entries()) {
            if (e.country() == null || e.country().equals(me.country()) || linked.contains(Ui.clusterHref(e.iri()))) continue;
            List<String> reasons = new ArrayList<>();
            int score = 0;
            for (String x : e.categories()) if (me.categories().contains(x)) { score += 3; reasons.add(ui.t("partners.same-category", snap.label(x, ui))); }
            for (String x : e.ecosystems()) if (me.ecosystems().contains(x)) { score += 3; reasons.add(ui.t("partners.same-ecosystem", snap.label(x, ui))); }
            String kind = ui.t("partners.similar");
            if (score == 0) {
                for (String x : e.ecosystems()) for (String y : me.ecosystems())
                    if (snap.related().getOrDefault(y, Set.of()).contains(x)) { score += 2; reasons.add(ui.t("partners.related", snap.label(y, ui), snap.label(x, ui))); }
                for (String x : e.categories()) for (String y : me.categories())
                    if (snap.related().getOrDefault(y, Set.of()).contains(x)) { score += 2; reasons.add(ui.t("partners.related", snap.label(y, ui), snap.label(x, ui))); }
                if (score > 0) kind = ui.t("partners.complementary");
            }
            if (score == 0) continue;
            for (String x : e.levels()) if (me.levels().contains(x)) { score += 1; reasons.add(ui.t("partners.same-level", snap.label(x, ui))); }
            for (String x : e.awards()) if (me.awards().contains(x)) { score += 1; reasons.add(ui.t("partners.same-label", snap.label(x, ui))); }
            out.add(new Views.Candidate(e.iri(), Ui.clusterHref(e.iri()), ui.pick(e.names(), e.iri()), snap.countryLabel(e.country(), ui), kind, score, reasons));
        }
        out.sort(Comparator.comparingInt(Views.Candidate::score).reversed().thenComparing(Views.Candidate::name));
        String empty = null;
        if (out.isEmpty())
            empty = me.ecosystems().isEmpty() && me.categories().isEmpty() ? ui.t("partners.none-unclassified") : ui.t("partners.none-shared");
        return new Views.Partners(p.name(), Ui.clusterHref(co), existing, out.subList(0, Math.min(30, out.size())), empty,
                snap.related().isEmpty() ? ui.t("partners.no-relations") : null);
    }

    /** The partners page as RDF: the cluster's graph (its existing collaborations) and the facts behind each candidate shown. */
    Graph partnersRdf(Context ctx, Ui ui) {
        Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        profileGraph(ctx, ui).find().forEachRemaining(g::add);
        List<Node> shown = partners(ctx, ui).candidates().stream().map(c -> NodeFactory.createURI(c.iri())).toList();
        if (!shown.isEmpty()) sparql.construct(Sparql.values(FACTS_RDF, "co", shown)).find().forEachRemaining(g::add);
        return g;
    }

    // ---------------------------------------------------------------- SPARQL editor and network

    List<Views.Example> examples() {
        return catalogue.stream().map(c -> new Views.Example(c.id(), c.title(), c.question())).toList();
    }

    String examplesJson() {
        List<Map<String, String>> items = new ArrayList<>();
        for (WebFront.Catalogue c : catalogue) items.add(Map.of("id", c.id(), "query", c.text()));
        try {
            return new ObjectMapper().writeValueAsString(items);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Graph datasetsRdf() {
        return sparql.construct(DATASETS_RDF);
    }

    List<Views.Member> network(Ui ui) {
        List<Views.Member> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Member m : members) {
            String base = m.sparql().endsWith("/sparql") ? m.sparql().substring(0, m.sparql().length() - "/sparql".length()) : m.sparql();
            boolean up = false;
            String triples = "", last = "", state = "";
            try {
                var ping = http.send(HttpRequest.newBuilder(URI.create(m.sparql())).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                up = ping.statusCode() < 500;
                var versions = http.send(HttpRequest.newBuilder(URI.create(base + "/versions")).timeout(Duration.ofSeconds(2))
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
                if (versions.statusCode() == 200) {
                    var list = json.readTree(versions.body());
                    if (list.size() > 0) {
                        var v = list.get(list.size() - 1);
                        triples = v.get("triples").asText();
                        last = ui.t("network.version", v.get("version").asText(), v.get("time").asText().substring(0, 19).replace('T', ' '), v.get("publisher").asText());
                        state = ui.t("network.passed");
                    }
                }
            } catch (Exception e) {
                // Down or not a cipnet node: shown as such.
            }
            out.add(new Views.Member(m.id(), m.sparql(), up, triples, last, state));
        }
        return out;
    }
}
