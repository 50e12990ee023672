package org.cipnet.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A cluster organisation's profile from a CONSTRUCT query of its neighbourhood (see {@link #AROUND}),
 * read ahead for every cluster or asked of the federator on a first visit. Labels of code-list concepts and of other
 * organisations come from the directory snapshot. The graph read is also what the page's RDF link
 * returns.
 */
final class Profile {
    /**
     * The cluster's neighbourhood in one query: its triples and one hop beyond (awards, identifiers,
     * sources, code-list concepts), its awards' periods and sources; what points at it
     * (participations, observations, collaborations) with their periods, sources and partners.
     * Every branch starts from the cluster's IRI, so the federator routes each by URI space.
     */
    static final Query AROUND = Sparql.parse("""
            CONSTRUCT { ?co ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 . ?o3 ?p4 ?o4 . ?x ?xp ?xo . ?xo ?xp2 ?xo2 . ?xo2 ?xp3 ?xo3 . ?y cip:collaboratesWith ?co }
            WHERE { { ?co ?p ?o } UNION { ?co ?p ?o . ?o ?p2 ?o2 }
                    UNION { ?co cip:hasLabelAward ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 FILTER(isBlank(?o2) || ?p2 = prov:wasDerivedFrom) }
                    UNION { ?co cip:hasLabelAward ?o . ?o cip:period ?o2 . ?o2 ?p3 ?o3 . ?o3 ?p4 ?o4 FILTER(isBlank(?o3)) }
                    UNION { ?x cip:participant|cip:observedEntity|cip:collaborator ?co . ?x ?xp ?xo }
                    UNION { ?x cip:participant|cip:observedEntity|cip:collaborator ?co . ?x ?xp ?xo . ?xo ?xp2 ?xo2
                            FILTER(isBlank(?xo) || ?xp = prov:wasDerivedFrom || ?xp = cip:collaborator) }
                    UNION { ?x cip:participant|cip:observedEntity|cip:collaborator ?co . ?x cip:period ?xo . ?xo ?xp2 ?xo2 . ?xo2 ?xp3 ?xo3
                            FILTER(isBlank(?xo2)) }
                    UNION { ?y cip:collaboratesWith ?co } }""");

    private Profile() {}

    /**
     * The neighbourhood graph of {@code co}, kept with the snapshot (so until the next publication
     * anywhere in the network): read ahead with the others (see {@link #readAhead}), else with one
     * federated query on the first visit. Only clusters of the snapshot are asked for, so the cache
     * holds one graph per cluster at most.
     */
    static Graph read(Sparql sparql, Directory.Snapshot snap, String co) {
        Graph g = snap.profiles().get(co);
        if (g != null) return g;
        // Asked outside the map's lock, so that a slow answer holds up no other cluster.
        g = sparql.construct(Sparql.bind(AROUND, Map.of("co", NodeFactory.createURI(co))));
        Graph before = snap.profiles().putIfAbsent(co, g);
        return before != null ? before : g;
    }

    /** Clusters per federated query when reading ahead: bounds each answer (a node's result cap counts triples). */
    private static final int BATCH = 50;

    /**
     * Reads every cluster's neighbourhood into the snapshot, {@link #BATCH} clusters per federated
     * query, so that a first visit to a profile needs no round trip. Each cluster's graph is the
     * same CONSTRUCT evaluated here over the union of the neighbourhoods read, which gives exactly
     * what the federator would: the query is a union of basic patterns with filters on matched
     * terms only, so over a part of the data it finds no more than over all of it, and each triple
     * a branch matches is in the template (of that branch or of a broader one for the same
     * cluster), so the union holds every cluster's whole neighbourhood.
     */
    static void readAhead(Sparql sparql, Directory.Snapshot snap) {
        List<String> all = snap.entries().stream().map(Directory.Entry::iri).toList();
        for (int i = 0; i < all.size(); i += BATCH) {
            List<String> batch = all.subList(i, Math.min(all.size(), i + BATCH));
            Graph union = sparql.construct(Sparql.values(AROUND, "co", batch.stream().map(NodeFactory::createURI).toList()));
            for (String co : batch)
                snap.profiles().computeIfAbsent(co, k -> org.apache.jena.sparql.exec.QueryExec.graph(union)
                        .query(Sparql.bind(AROUND, Map.of("co", NodeFactory.createURI(k)))).construct());
        }
    }

    /** The profile page's model: every triple about {@code co} appears once as a fact. */
    static Views.Profile of(Graph g, Directory.Snapshot snap, String co, Ui ui, String nodePage) {
        Node c = NodeFactory.createURI(co);
        Reader r = new Reader(g, snap, ui);
        Directory.Entry e = snap.byIri().get(co);
        List<Triple> own = g.find(c, Node.ANY, Node.ANY).toList();
        own.sort(Comparator.comparing((Triple t) -> t.getPredicate().getURI()).thenComparing(t -> t.getObject().toString()));
        List<Views.Fact> names = new ArrayList<>(), other = new ArrayList<>(), desc = new ArrayList<>(), classes = new ArrayList<>(),
                projects = new ArrayList<>(), rest = new ArrayList<>();
        List<Views.Award> awards = new ArrayList<>();
        List<Views.Identifier> ids = new ArrayList<>();
        Views.Link homepage = null;
        String founded = null;
        int facts = 0;
        for (Triple t : own) {
            String p = t.getPredicate().getURI();
            Node o = t.getObject();
            facts++;
            switch (p) {
                case Terms.PREF_LABEL -> names.add(fact(p, o.getLiteralLanguage(), o));
                case Terms.ALT_LABEL -> other.add(fact(p, ui.t("profile.alt-name"), o));
                case Terms.FORMER_NAME -> other.add(fact(p, ui.t("profile.former-name"), o));
                case Terms.DESCRIPTION, Terms.COMMENT -> desc.add(fact(p, "", o));
                case Terms.HOMEPAGE -> homepage = new Views.Link(Html.text(o), Ui.safeHref(Html.text(o)));
                case Terms.FOUNDING_DATE -> founded = Html.text(o);
                case Terms.TYPE -> classes.add(new Views.Fact(p, ui.t("profile.type"), r.label(o), null, null));
                case Terms.COUNTRY -> classes.add(new Views.Fact(p, ui.t("facet.country"), r.label(o), null, null));
                case Terms.CITY -> classes.add(fact(p, ui.t("profile.city"), o));
                case Terms.REGION -> classes.add(new Views.Fact(p, ui.t("profile.region"), r.label(o).equals(r.last(o)) ? r.last(o) : r.label(o) + " (" + r.last(o) + ")", null, null));
                case Terms.ECOSYSTEM -> classes.add(new Views.Fact(p, ui.t("facet.eco"), r.label(o), "/?eco=" + Ui.enc(o.getURI()), null));
                case Terms.CATEGORY -> classes.add(new Views.Fact(p, ui.t("facet.cat"), r.label(o), "/?cat=" + Ui.enc(o.getURI()), null));
                case Terms.ORGANISES_CLUSTER -> classes.add(new Views.Fact(p, ui.t("profile.observatory-cluster"), r.cluster(o), null, null));
                case Terms.HAS_LABEL_AWARD -> awards.add(r.award(o));
                case Terms.IDENTIFIER -> ids.add(r.identifier(o));
                case Terms.DERIVED_FROM -> r.direct(o);
                case Terms.PARTICIPATES_IN -> projects.add(new Views.Fact(p, ui.t("profile.project"), r.label(o), null, null));
                case Terms.COLLABORATES_WITH -> r.partner(o);
                default -> rest.add(new Views.Fact(p, r.label(t.getPredicate()), r.value(o), o.isURI() ? Ui.safeHref(o.getURI()) : null, null));
            }
        }
        awards.sort(Comparator.comparing(Views.Award::from));
        List<Views.Participation> parts = r.participations(c);
        int from = parts.stream().mapToInt(x -> year(x.from(), 2100)).min().orElse(2000), to = java.time.Year.now().getValue();
        List<Views.Participation> placed = new ArrayList<>();
        for (Views.Participation x : parts) {
            int a = year(x.from(), from), b = x.until() == null ? to : year(x.until(), to);
            int span = Math.max(1, to - from);
            placed.add(new Views.Participation(x.programme(), x.level(), x.from(), x.until(), x.comment(), x.sources(), (a - from) * 100 / span,
                    Math.max(3, (b - a) * 100 / span)));
        }
        String name = e != null ? ui.pick(e.names(), co) : r.label(c);
        String region = e != null && e.region() != null ? snap.label(e.region(), ui) : null;
        return new Views.Profile(co, name, e == null ? "" : ui.langOf(e.names()), e == null || e.country() == null ? null : snap.countryLabel(e.country(), ui),
                e == null ? null : e.city(), region, homepage, founded, names, other, desc, classes, awards, placed, from, to, r.collaborations(c),
                projects, r.indicators(c), ids, rest, r.sources(), nodePage, jsonLd(co, name, e, homepage, founded, snap, ui), facts);
    }

    private static Views.Fact fact(String p, String label, Node o) {
        return new Views.Fact(p, label, Html.text(o), null, o.isLiteral() ? o.getLiteralLanguage() : null);
    }

    static int year(String s, int otherwise) {
        if (s == null || s.length() < 4) return otherwise;
        try {
            return Integer.parseInt(s.substring(0, 4));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** schema.org Organization as JSON-LD, safe inside a script element ({@code <} written as {@code \u003c}). */
    private static String jsonLd(String co, String name, Directory.Entry e, Views.Link homepage, String founded, Directory.Snapshot snap, Ui ui) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("@context", "https://schema.org");
        o.put("@type", "Organization");
        o.put("@id", co);
        o.put("name", name);
        if (e != null) {
            ArrayNode alt = o.putArray("alternateName");
            e.names().values().stream().filter(n -> !n.equals(name)).forEach(alt::add);
            e.otherNames().forEach(alt::add);
            if (e.country() != null || e.city() != null) {
                ObjectNode addr = o.putObject("address");
                addr.put("@type", "PostalAddress");
                if (e.city() != null) addr.put("addressLocality", e.city());
                if (e.country() != null) addr.put("addressCountry", snap.countryLabel(e.country(), Ui.english()));
            }
            String d = ui.pick(e.descriptions(), null);
            if (d != null) o.put("description", d);
        }
        if (homepage != null && homepage.href() != null) o.put("url", homepage.href());
        if (founded != null) o.put("foundingDate", founded);
        return o.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** Reads the neighbourhood graph, numbering sources as they are met. */
    private static final class Reader {
        private final Graph g;
        private final Directory.Snapshot snap;
        private final Ui ui;
        private final Map<Node, Integer> sourceNumbers = new LinkedHashMap<>();
        private final Set<Node> partners = new LinkedHashSet<>();

        Reader(Graph g, Directory.Snapshot snap, Ui ui) {
            this.g = g;
            this.snap = snap;
            this.ui = ui;
        }

        Node one(Node s, String p) {
            var it = g.find(s, NodeFactory.createURI(p), Node.ANY);
            return it.hasNext() ? it.next().getObject() : null;
        }

        List<Node> all(Node s, String p) {
            return g.find(s, NodeFactory.createURI(p), Node.ANY).mapWith(Triple::getObject).toList();
        }

        String last(Node n) {
            String u = n.getURI();
            return u.substring(Math.max(u.lastIndexOf('/'), u.lastIndexOf('#')) + 1);
        }

        /** A label in the visitor's languages, from the graph read or else the snapshot. */
        String label(Node n) {
            if (n == null) return "";
            if (!n.isURI()) return Html.text(n);
            Map<String, String> byLang = new LinkedHashMap<>();
            for (String p : List.of(Terms.PREF_LABEL, Terms.LABEL, Terms.TITLE))
                for (Node l : all(n, p)) if (l.isLiteral()) byLang.putIfAbsent(l.getLiteralLanguage(), l.getLiteralLexicalForm());
            return byLang.isEmpty() ? snap.label(n.getURI(), ui) : ui.pick(byLang, n.getURI());
        }

        String value(Node o) {
            if (o.isURI()) return label(o);
            return Html.text(o);
        }

        private final Set<Node> directSources = new HashSet<>();

        /** A source the cluster's own facts are derived from. */
        void direct(Node s) {
            directSources.add(s);
            source(s);
        }

        int source(Node s) {
            return sourceNumbers.computeIfAbsent(s, k -> sourceNumbers.size() + 1);
        }

        List<Integer> sourcesOf(Node s) {
            return all(s, Terms.DERIVED_FROM).stream().map(this::source).toList();
        }

        List<Views.Source> sources() {
            List<Views.Source> out = new ArrayList<>();
            sourceNumbers.forEach((s, n) -> {
                Node page = one(s, Terms.PAGE), acc = one(s, Terms.CIP + "accessDate");
                out.add(new Views.Source(n, label(s), page == null ? null : Ui.safeHref(Html.text(page)), acc == null ? null : Html.text(acc), directSources.contains(s)));
            });
            return out;
        }

        /** A period's beginning or end, whichever form (date, year-month, year) the instant has. */
        String instant(Node interval, String edge) {
            if (interval == null) return null;
            Node i = one(interval, edge);
            if (i == null) return null;
            for (Triple t : g.find(i, Node.ANY, Node.ANY).toList()) if (t.getObject().isLiteral()) return t.getObject().getLiteralLexicalForm();
            return null;
        }

        String cluster(Node cl) {
            String l = label(cl);
            Node region = one(cl, Terms.REGION);
            return region == null ? l : l + " · " + ui.t("profile.regional-key") + " " + last(region);
        }

        Views.Award award(Node a) {
            Node period = one(a, Terms.PERIOD), score = one(a, Terms.SCORE), by = one(a, Terms.AWARDED_BY), comment = one(a, Terms.COMMENT);
            Node level = one(a, Terms.LABEL_LEVEL);
            return new Views.Award(level == null ? label(a) : label(level), orEmpty(instant(period, Terms.HAS_BEGINNING)), instant(period, Terms.HAS_END),
                    by == null ? null : label(by), score == null ? null : score.getLiteralLexicalForm(), comment == null ? null : Html.text(comment),
                    sourcesOf(a));
        }

        Views.Identifier identifier(Node id) {
            Node n = one(id, Terms.NOTATION), reg = one(id, Terms.REGISTRY), page = one(id, Terms.PAGE);
            return new Views.Identifier(reg == null ? "" : label(reg), n == null ? label(id) : Html.text(n), page == null ? null : Ui.safeHref(Html.text(page)));
        }

        private final Set<Node> pendingFacts = new HashSet<>();

        void partner(Node o) {
            partners.add(o);
            pendingFacts.add(o);
        }

        List<Views.Participation> participations(Node c) {
            List<Views.Participation> out = new ArrayList<>();
            for (Triple t : g.find(Node.ANY, NodeFactory.createURI(Terms.PARTICIPANT), c).toList()) {
                Node p = t.getSubject(), period = one(p, Terms.PERIOD), comment = one(p, Terms.COMMENT), level = one(p, Terms.LEVEL);
                out.add(new Views.Participation(label(one(p, Terms.PROGRAMME)), level == null ? null : label(level),
                        orEmpty(instant(period, Terms.HAS_BEGINNING)), instant(period, Terms.HAS_END), comment == null ? null : Html.text(comment),
                        sourcesOf(p), 0, 0));
            }
            out.sort(Comparator.comparing(Views.Participation::from));
            return out;
        }

        private Views.Partner partnerOf(Node n) {
            Directory.Entry e = snap.byIri().get(n.getURI());
            String country = snap.countryOf().get(n.getURI());
            // A member's agency or organisation is in the network too: /cluster sends it on to its node's page.
            boolean member = e != null || org.cipnet.vocab.CIP.memberOf(n.getURI()) != null;
            return new Views.Partner(label(n), member ? Ui.clusterHref(n.getURI()) : null, country == null ? null : snap.countryLabel(country, ui),
                    pendingFacts.remove(n) ? Terms.COLLABORATES_WITH : null);
        }

        List<Views.Collaboration> collaborations(Node c) {
            List<Views.Collaboration> out = new ArrayList<>();
            Set<Node> named = new HashSet<>();
            for (Triple t : g.find(Node.ANY, NodeFactory.createURI(Terms.COLLABORATOR), c).toList()) {
                Node x = t.getSubject(), period = one(x, Terms.PERIOD), type = one(x, Terms.COLLABORATION_TYPE), comment = one(x, Terms.COMMENT);
                Node project = one(x, Terms.CIP + "partOfProject");
                List<Views.Partner> ps = new ArrayList<>();
                for (Node o : all(x, Terms.COLLABORATOR)) if (!o.equals(c)) {
                    ps.add(partnerOf(o));
                    named.add(o);
                }
                String name = label(x);
                if (project != null) name = name + " · " + label(project);
                out.add(new Views.Collaboration(name, ps, type == null ? null : label(type), instant(period, Terms.HAS_BEGINNING),
                        comment == null ? null : Html.text(comment), sourcesOf(x)));
            }
            Set<Node> direct = new LinkedHashSet<>(partners);
            g.find(Node.ANY, NodeFactory.createURI(Terms.COLLABORATES_WITH), c).forEachRemaining(t -> direct.add(t.getSubject()));
            for (Node o : direct) if (!named.contains(o) && o.isURI())
                out.add(new Views.Collaboration(ui.t("profile.collaborates-with"), List.of(partnerOf(o)), null, null, null, List.of()));
            return out;
        }

        List<Views.Indicator> indicators(Node c) {
            Map<String, List<Node>> series = new LinkedHashMap<>();
            for (Triple t : g.find(Node.ANY, NodeFactory.createURI(Terms.OBSERVED_ENTITY), c).toList()) {
                Node o = t.getSubject(), ind = one(o, Terms.INDICATOR), unit = one(o, Terms.UNIT), actor = one(o, Terms.ACTOR_TYPE);
                String key = (ind == null ? "" : ind.getURI()) + "|" + (unit == null ? "" : unit.getURI()) + "|" + (actor == null ? "" : actor.getURI());
                series.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
            }
            List<Views.Indicator> out = new ArrayList<>();
            for (var s : series.values()) {
                s.sort(Comparator.comparing(o -> Html.text(one(o, Terms.REF_PERIOD))));
                Node first = s.get(0), unit = one(first, Terms.UNIT), actor = one(first, Terms.ACTOR_TYPE);
                List<Views.Point> points = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                for (Node o : s) {
                    Node v = one(o, Terms.OBS_VALUE), approx = one(o, Terms.APPROXIMATE), comment = one(o, Terms.COMMENT);
                    points.add(new Views.Point(Html.text(one(o, Terms.REF_PERIOD)), v == null ? "" : v.getLiteralLexicalForm(),
                            approx != null && "true".equals(approx.getLiteralLexicalForm()), comment == null ? null : Html.text(comment), sourcesOf(o)));
                    try {
                        values.add(v == null ? Double.NaN : Double.parseDouble(v.getLiteralLexicalForm()));
                    } catch (NumberFormatException ex) {
                        values.add(Double.NaN);
                    }
                }
                double min = values.stream().filter(d -> !d.isNaN()).mapToDouble(d -> d).min().orElse(0);
                double max = values.stream().filter(d -> !d.isNaN()).mapToDouble(d -> d).max().orElse(0);
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i).isNaN()) continue;
                    double x = values.size() == 1 ? 100 : 5 + i * 190.0 / (values.size() - 1);
                    double y = max == min ? 20 : 36 - (values.get(i) - min) * 32 / (max - min);
                    line.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
                }
                out.add(new Views.Indicator(label(one(first, Terms.INDICATOR)), unit == null ? "" : label(unit), actor == null ? null : label(actor), points,
                        line.toString().strip(), line.toString().strip(), fmt(min), fmt(max)));
            }
            return out;
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }
}
