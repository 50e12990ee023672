package org.cipnet.web;

import static org.cipnet.web.Html.esc;
import static org.cipnet.web.Html.url;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.jena.graph.Node;
import org.cipnet.federation.members.Member;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.Context;

/** The pages of the Yellow Pages. */
final class Pages {
    private static final String CIP = "https://w3id.org/cipnet/ontology#";
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

    private static String rdfLink(String construct) {
        return "/rdf?query=" + url(Sparql.PREFIXES + construct);
    }

    private static String country(String code) {
        return Directory.COUNTRIES.getOrDefault(code, code);
    }

    // ---------------------------------------------------------------- search and browse

    String search(Context ctx, List<String> langs) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        Map<String, String> filters = new LinkedHashMap<>();
        for (String f : new String[] {"country", "eco", "cat", "level", "award"})
            if (ctx.queryParam(f) != null && !ctx.queryParam(f).isBlank()) filters.put(f, ctx.queryParam(f));
        List<Directory.Entry> all = directory.entries();
        String folded = Html.fold(q);
        List<Directory.Entry> hits = new ArrayList<>();
        Map<Directory.Entry, String> matchedOtherName = new HashMap<>();
        for (Directory.Entry e : all) {
            if (!folded.isEmpty() && e.labels().values().stream().noneMatch(l -> Html.fold(l).contains(folded))
                    && (e.city() == null || !Html.fold(e.city()).contains(folded))) {
                // A cluster renamed since (NCE Subsea is GCE Ocean Technology now) is still found by its old name.
                var other = e.otherNames().stream().filter(n -> Html.fold(n).contains(folded)).findFirst();
                if (other.isEmpty()) continue;
                matchedOtherName.put(e, other.get());
            }
            if (filters.containsKey("country") && !filters.get("country").equals(e.country())) continue;
            if (filters.containsKey("eco") && !e.ecosystems().contains(filters.get("eco"))) continue;
            if (filters.containsKey("cat") && !e.categories().contains(filters.get("cat"))) continue;
            if (filters.containsKey("level") && !e.levels().contains(filters.get("level"))) continue;
            if (filters.containsKey("award") && !e.awards().contains(filters.get("award"))) continue;
            hits.add(e);
        }
        StringBuilder sb = new StringBuilder("<h1>Clusters of the CIP network</h1>");
        sb.append("<form method=\"get\" action=\"/\"><input type=\"search\" name=\"q\" id=\"q\" value=\"").append(esc(q))
                .append("\" placeholder=\"Name in any language, former name or city, e.g. Latvian IT Cluster or Klynge\"> <button id=\"search\">Search</button>");
        for (var f : filters.entrySet()) sb.append("<input type=\"hidden\" name=\"").append(f.getKey()).append("\" value=\"").append(esc(f.getValue())).append("\">");
        sb.append("</form>");
        if (!filters.isEmpty()) sb.append("<p>Filtered by ").append(String.join(", ", filters.entrySet().stream()
                .map(f -> f.getKey() + " = " + esc(f.getKey().equals("country") ? country(f.getValue()) : directory.concept(f.getValue()))).toList()))
                .append(" · <a href=\"/?q=").append(url(q)).append("\">clear</a></p>");
        sb.append("<div class=\"facets\">");
        facet(sb, "Country", "country", Directory.facet(hits, e -> Set.of(e.country())), q, filters, Pages::country);
        facet(sb, "Industrial ecosystem", "eco", Directory.facet(hits, Directory.Entry::ecosystems), q, filters, directory::concept);
        facet(sb, "Observatory category", "cat", Directory.facet(hits, Directory.Entry::categories), q, filters, directory::concept);
        facet(sb, "Programme level", "level", Directory.facet(hits, Directory.Entry::levels), q, filters, directory::concept);
        facet(sb, "Label", "award", Directory.facet(hits, Directory.Entry::awards), q, filters, directory::concept);
        sb.append("</div><div class=\"results\"><p class=\"muted\" id=\"count\">").append(hits.size()).append(" of ").append(all.size())
                .append(" cluster organisations</p><table id=\"results\"><tr><th>Name</th><th>Country</th><th>City</th><th>Ecosystem</th><th>Programme level</th></tr>");
        for (Directory.Entry e : hits) {
            sb.append("<tr><td><a href=\"/cluster?id=").append(url(e.iri())).append("\">").append(esc(e.label(langs))).append("</a>");
            String en = e.labels().get("en");
            if (en != null && !en.equals(e.label(langs))) sb.append(" <span class=\"muted\">").append(esc(en)).append("</span>");
            if (matchedOtherName.containsKey(e))
                sb.append(" <span class=\"muted other-name\">also known as ").append(esc(matchedOtherName.get(e))).append("</span>");
            sb.append("</td><td>").append(esc(country(e.country()))).append("</td><td>").append(esc(e.city() == null ? "" : e.city()))
                    .append("</td><td>").append(tags(e.ecosystems())).append("</td><td>").append(tags(e.levels())).append("</td></tr>");
        }
        sb.append("</table></div>");
        return Html.page("Search", sb.toString(), rdfLink("CONSTRUCT { ?co a cip:ClusterOrganisation ; skos:prefLabel ?l ; cip:country ?c } "
                + "WHERE { ?co a cip:ClusterOrganisation ; skos:prefLabel ?l ; cip:country ?c }"), null);
    }

    private String tags(Set<String> iris) {
        StringBuilder sb = new StringBuilder();
        for (String i : iris) sb.append("<span class=\"tag\">").append(esc(directory.concept(i))).append("</span>");
        return sb.toString();
    }

    private static void facet(StringBuilder sb, String title, String key, Map<String, Integer> counts, String q, Map<String, String> filters,
                              Function<String, String> label) {
        if (counts.isEmpty()) return;
        sb.append("<h3>").append(title).append("</h3>");
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (var e : sorted) {
            Map<String, String> f = new LinkedHashMap<>(filters);
            f.put(key, e.getKey());
            StringBuilder href = new StringBuilder("/?q=").append(url(q));
            f.forEach((k, v) -> href.append('&').append(k).append('=').append(url(v)));
            sb.append("<a class=\"facet-").append(key).append("\" href=\"").append(esc(href.toString())).append("\">")
                    .append(esc(label.apply(e.getKey()))).append(" (").append(e.getValue()).append(")</a>");
        }
    }

    // ---------------------------------------------------------------- profile

    private static String iriParam(Context ctx, String name) {
        String id = ctx.queryParam(name);
        if (id == null || !id.startsWith("https://w3id.org/cipnet/") || id.contains(">") || id.contains(" "))
            throw new WebFront.NotFound("give ?" + name + "=IRI of a cluster organisation");
        return id;
    }

    String profile(Context ctx, List<String> langs) {
        String co = iriParam(ctx, "id");
        String s = "<" + co + ">";
        Directory.Entry entry = directory.entries().stream().filter(e -> e.iri().equals(co)).findFirst()
                .orElseThrow(() -> new WebFront.NotFound(co + " is not a cluster organisation in the network"));
        StringBuilder sb = new StringBuilder();
        sb.append("<h1 id=\"name\">").append(esc(entry.label(langs))).append("</h1><p class=\"muted\">").append(esc(country(entry.country())))
                .append(entry.city() == null ? "" : " · " + esc(entry.city())).append(" · <code>").append(esc(co)).append("</code></p>");
        sb.append("<h2>Names</h2><table id=\"labels\">");
        for (var l : entry.labels().entrySet())
            sb.append("<tr><th>").append(esc(l.getKey())).append("</th><td lang=\"").append(esc(l.getKey())).append("\">").append(esc(l.getValue())).append("</td></tr>");
        sb.append("</table>");
        List<String> facts = new ArrayList<>();
        for (var r : sparql.select("SELECT ?p ?o WHERE { " + s + " ?p ?o }")) {
            String p = r.get("p").getURI();
            Node o = r.get("o");
            if (p.equals("https://schema.org/foundingDate")) facts.add("Founded: " + esc(o.getLiteralLexicalForm()));
            if (p.equals("http://xmlns.com/foaf/0.1/homepage")) facts.add("Website: <a href=\"" + esc(o.getURI()) + "\">" + esc(o.getURI()) + "</a>");
            if (p.equals(CIP + "formerName")) facts.add("Former name: " + esc(o.getLiteralLexicalForm()));
            if (p.equals("http://www.w3.org/2004/02/skos/core#altLabel")) facts.add("Also known as: " + esc(o.getLiteralLexicalForm()));
            if (p.equals("http://purl.org/dc/terms/description") && (o.getLiteralLanguage().equals(langs.get(0)) || o.getLiteralLanguage().equals("en")))
                facts.add(esc(o.getLiteralLexicalForm()));
            if (p.equals(CIP + "region")) facts.add("Region: " + link(o.getURI()));
        }
        sb.append("<ul>");
        for (String f : facts) sb.append("<li>").append(f).append("</li>");
        if (!entry.ecosystems().isEmpty()) sb.append("<li>Industrial ecosystem: ").append(tags(entry.ecosystems())).append("</li>");
        sb.append("</ul>");

        // Programme history as a timeline.
        List<String[]> history = new ArrayList<>();
        for (var r : sparql.select("SELECT ?prog ?level ?b WHERE { ?p cip:participant " + s + " ; cip:programme ?prog ; cip:period ?i . "
                + "OPTIONAL { ?p cip:level ?level } ?i time:hasBeginning ?bi . ?bi ?bp ?b FILTER(isLiteral(?b)) }"))
            history.add(new String[] {r.get("prog").getURI(), r.containsKey("level") ? r.get("level").getURI() : "", year(r.get("b")), ""});
        Map<String, String> ends = new TreeMap<>();
        for (var r : sparql.select("SELECT ?prog ?level ?e WHERE { ?p cip:participant " + s + " ; cip:programme ?prog ; cip:level ?level ; cip:period ?i . "
                + "?i time:hasEnd ?ei . ?ei ?ep ?e FILTER(isLiteral(?e)) }"))
            ends.put(r.get("prog").getURI() + " " + r.get("level").getURI(), year(r.get("e")));
        history.sort(Comparator.comparing(h -> h[2]));
        sb.append("<h2>Programme history</h2>");
        if (history.isEmpty()) sb.append("<p class=\"muted\">No programme participation recorded.</p>");
        else {
            sb.append("<div class=\"timeline\" id=\"timeline\">");
            for (String[] h : history) {
                String end = ends.getOrDefault(h[0] + " " + h[1], "");
                int from = parseYear(h[2]), to = end.isEmpty() ? 2026 : parseYear(end);
                int left = Math.max(0, (from - 2000) * 100 / 27), width = Math.max(4, (to - from) * 100 / 27);
                sb.append("<div class=\"bar\" style=\"margin-left:").append(left).append("%;width:").append(width).append("%\">")
                        .append(esc(h[1].isEmpty() ? label(h[0]) : directory.concept(h[1]))).append(" ").append(esc(h[2]))
                        .append("–").append(esc(end)).append("</div>");
            }
            sb.append("<p class=\"muted\">2000 → 2026</p></div>");
        }

        sb.append("<h2>Labels</h2>");
        var awards = sparql.select("SELECT ?a ?lvl ?e WHERE { " + s + " cip:hasLabelAward ?a . ?a cip:labelLevel ?lvl . "
                + "OPTIONAL { ?a cip:period ?i . ?i time:hasEnd ?ei . ?ei ?ep ?e FILTER(isLiteral(?e)) } } ORDER BY ?e");
        if (awards.isEmpty()) sb.append("<p class=\"muted\">No cluster excellence label recorded.</p>");
        else {
            sb.append("<ul>");
            for (var r : awards)
                sb.append("<li>").append(esc(directory.concept(r.get("lvl").getURI())))
                        .append(r.containsKey("e") ? ", valid until " + esc(r.get("e").getLiteralLexicalForm()) : "").append("</li>");
            sb.append("</ul>");
        }

        sb.append("<h2>Indicators</h2>");
        var obs = sparql.select("SELECT ?ind ?y ?v ?u WHERE { ?o cip:observedEntity " + s + " ; cip:indicator ?ind ; cip:refPeriod ?y ; sdmx-measure:obsValue ?v ; sdmx-attribute:unitMeasure ?u } ORDER BY ?ind ?y");
        if (obs.isEmpty()) sb.append("<p class=\"muted\">No indicator observation recorded.</p>");
        else {
            sb.append("<table id=\"indicators\"><tr><th>Indicator</th><th>Period</th><th>Value</th><th>Unit</th></tr>");
            for (var r : obs)
                sb.append("<tr><td>").append(esc(directory.concept(r.get("ind").getURI()))).append("</td><td>").append(esc(r.get("y").getLiteralLexicalForm()))
                        .append("</td><td>").append(esc(r.get("v").getLiteralLexicalForm())).append("</td><td>").append(esc(unit(r.get("u").getURI()))).append("</td></tr>");
            sb.append("</table>");
        }

        sb.append("<h2>Identifiers and registries</h2><ul id=\"identifiers\">");
        int identifiers = 0;
        for (var r : sparql.select("SELECT ?reg ?n ?page WHERE { " + s + " adms:identifier ?id . ?id skos:notation ?n ; cip:registry ?reg OPTIONAL { ?id foaf:page ?page } }")) {
            String n = esc(r.get("n").getLiteralLexicalForm());
            sb.append("<li>").append(esc(directory.concept(r.get("reg").getURI()))).append(": ")
                    .append(r.containsKey("page") ? "<a href=\"" + esc(r.get("page").getURI()) + "\">" + n + "</a>" : n).append("</li>");
            identifiers++;
        }
        for (var r : sparql.select("SELECT ?cl ?l WHERE { " + s + " cip:organisesCluster ?cl . ?cl skos:prefLabel ?l FILTER(langMatches(lang(?l),'en')) }")) {
            sb.append("<li>European Cluster Observatory cluster: ").append(esc(r.get("l").getLiteralLexicalForm())).append("</li>");
            identifiers++;
        }
        sb.append("</ul>");
        if (identifiers == 0) sb.append("<p class=\"muted\">No identifier in another registry recorded.</p>");

        sb.append("<h2>Collaborations and projects</h2><ul id=\"collaborations\">");
        Set<String> partners = collaborators(co);
        for (String p : partners) sb.append("<li>").append(clusterLink(p, langs)).append("</li>");
        for (var r : sparql.select("SELECT ?proj ?l WHERE { " + s + " cip:participatesIn ?proj . ?proj skos:prefLabel ?l FILTER(langMatches(lang(?l),'en')) }"))
            sb.append("<li>Project: ").append(esc(r.get("l").getLiteralLexicalForm())).append("</li>");
        sb.append("</ul><p><a href=\"/partners?id=").append(url(co)).append("\">Find partners abroad →</a></p>");

        sb.append("<h2>Sources</h2><ul id=\"sources\">");
        for (var r : sparql.select("SELECT DISTINCT ?src ?t ?page WHERE { " + s + " prov:wasDerivedFrom ?src . OPTIONAL { ?src dct:title ?t } OPTIONAL { ?src foaf:page ?page } }")) {
            String title = r.containsKey("t") ? r.get("t").getLiteralLexicalForm() : r.get("src").getURI();
            sb.append("<li>").append(r.containsKey("page") ? "<a href=\"" + esc(r.get("page").getURI()) + "\">" + esc(title) + "</a>" : esc(title)).append("</li>");
        }
        sb.append("</ul>");
        return Html.page(entry.label(langs), sb.toString(), rdfLink("DESCRIBE " + s), null);
    }

    private Set<String> collaborators(String co) {
        Set<String> out = new java.util.LinkedHashSet<>();
        String s = "<" + co + ">";
        for (var r : sparql.select("SELECT ?o WHERE { " + s + " cip:collaboratesWith ?o }")) out.add(r.get("o").getURI());
        for (var r : sparql.select("SELECT ?o WHERE { ?o cip:collaboratesWith " + s + " }")) out.add(r.get("o").getURI());
        for (var r : sparql.select("SELECT ?o WHERE { ?c cip:collaborator " + s + " ; cip:collaborator ?o FILTER(?o != " + s + ") }")) out.add(r.get("o").getURI());
        return out;
    }

    private String clusterLink(String iri, List<String> langs) {
        var e = directory.entries().stream().filter(x -> x.iri().equals(iri)).findFirst();
        if (e.isPresent()) return "<a href=\"/cluster?id=" + url(iri) + "\">" + esc(e.get().label(langs)) + "</a> (" + esc(country(e.get().country())) + ")";
        return link(iri);
    }

    private String label(String iri) {
        var rows = sparql.select("SELECT ?l WHERE { <" + iri + "> skos:prefLabel ?l FILTER(langMatches(lang(?l),'en')) }");
        return rows.isEmpty() ? iri.substring(iri.lastIndexOf('/') + 1) : rows.get(0).get("l").getLiteralLexicalForm();
    }

    private static String link(String iri) {
        return "<a href=\"" + esc(iri) + "\">" + esc(iri.substring(iri.lastIndexOf('/') + 1)) + "</a>";
    }

    private String unit(String iri) {
        if (iri.startsWith("http://publications.europa.eu/resource/authority/currency/")) return iri.substring(iri.lastIndexOf('/') + 1);
        return directory.concept(iri);
    }

    private static String year(Node n) {
        return n == null ? "" : n.getLiteralLexicalForm();
    }

    private static int parseYear(String s) {
        try {
            return Integer.parseInt(s.substring(0, 4));
        } catch (RuntimeException e) {
            return 2000;
        }
    }

    // ---------------------------------------------------------------- compare

    String compare(Context ctx, List<String> langs) {
        List<String> countries = ctx.queryParams("country");
        List<String> ids = ctx.queryParams("id");
        List<Directory.Entry> all = directory.entries();
        StringBuilder sb = new StringBuilder("<h1>Compare</h1><form method=\"get\" action=\"/compare\">Countries: ");
        for (String c : Directory.COUNTRIES.keySet())
            sb.append("<label><input type=\"checkbox\" name=\"country\" value=\"").append(c).append("\"").append(countries.contains(c) ? " checked" : "")
                    .append("> ").append(esc(country(c))).append("</label> ");
        sb.append("<button id=\"compare\">Compare</button></form>");
        // Or side by side, cluster by cluster (Ctrl- or Shift-click picks several).
        sb.append("<form method=\"get\" action=\"/compare\"><label for=\"pick\">Or clusters:</label> <select id=\"pick\" name=\"id\" multiple size=\"8\">");
        for (Directory.Entry e : all)
            sb.append("<option value=\"").append(esc(e.iri())).append("\"").append(ids.contains(e.iri()) ? " selected" : "").append(">")
                    .append(esc(e.label(langs))).append(" (").append(esc(country(e.country()))).append(")</option>");
        sb.append("</select> <button id=\"compare-clusters\">Compare clusters</button></form>");
        List<String> columns = new ArrayList<>();
        List<List<Directory.Entry>> groups = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (String id : ids) {
                all.stream().filter(e -> e.iri().equals(id)).findFirst().ifPresent(e -> {
                    columns.add(e.label(langs));
                    groups.add(List.of(e));
                });
            }
        } else {
            for (String c : countries) {
                columns.add(country(c));
                groups.add(all.stream().filter(e -> c.equals(e.country())).toList());
            }
        }
        if (groups.isEmpty()) return Html.page("Compare", sb.append("<p>Pick two or more countries, or two or more clusters.</p>").toString(), null, null);
        Set<String> ecos = new java.util.TreeSet<>();
        groups.forEach(g -> g.forEach(e -> ecos.addAll(e.ecosystems())));
        sb.append("<table id=\"comparison\"><tr><th></th>");
        for (String c : columns) sb.append("<th>").append(esc(c)).append("</th>");
        sb.append("</tr>");
        row(sb, "Cluster organisations", groups, g -> String.valueOf(g.size()));
        row(sb, "In a national programme", groups, g -> String.valueOf(g.stream().filter(e -> !e.levels().isEmpty()).count()));
        row(sb, "With an excellence label", groups, g -> String.valueOf(g.stream().filter(e -> !e.awards().isEmpty()).count()));
        for (String eco : ecos) row(sb, directory.concept(eco), groups, g -> String.valueOf(g.stream().filter(e -> e.ecosystems().contains(eco)).count()));
        sb.append("</table><h2>Cluster organisations by industrial ecosystem</h2><canvas id=\"chart\" width=\"900\" height=\"400\"></canvas>");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", ecos.stream().map(directory::concept).toList());
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<Directory.Entry> g = groups.get(i);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("label", columns.get(i));
            d.put("data", ecos.stream().map(eco -> g.stream().filter(e -> e.ecosystems().contains(eco)).count()).toList());
            datasets.add(d);
        }
        data.put("datasets", datasets);
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sb.append("<script src=\"/webjars/chart.js/4.4.1/dist/chart.umd.js\"></script><script>new Chart(document.getElementById('chart'),"
                + "{type:'bar',data:").append(json.replace("</", "<\\/")).append(",options:{animation:false,scales:{y:{beginAtZero:true,ticks:{precision:0}}}}});"
                + "window.chartReady=true;</script>");
        return Html.page("Compare", sb.toString(), rdfLink("CONSTRUCT { ?co cip:country ?c ; cip:industrialEcosystem ?e } WHERE { ?co a cip:ClusterOrganisation ; cip:country ?c ; cip:industrialEcosystem ?e }"), null);
    }

    private static void row(StringBuilder sb, String label, List<List<Directory.Entry>> groups, Function<List<Directory.Entry>, String> cell) {
        sb.append("<tr><th>").append(esc(label)).append("</th>");
        for (var g : groups) sb.append("<td>").append(esc(cell.apply(g))).append("</td>");
        sb.append("</tr>");
    }

    // ---------------------------------------------------------------- partners abroad

    String partners(Context ctx, List<String> langs) {
        String co = iriParam(ctx, "id");
        List<Directory.Entry> all = directory.entries();
        Directory.Entry me = all.stream().filter(e -> e.iri().equals(co)).findFirst()
                .orElseThrow(() -> new WebFront.NotFound(co + " is not a cluster organisation in the network"));
        Set<String> linked = collaborators(co);
        record Candidate(Directory.Entry e, int score, List<String> reasons, String kind) {}
        List<Candidate> out = new ArrayList<>();
        for (Directory.Entry e : all) {
            if (e.country() == null || e.country().equals(me.country())) continue;
            List<String> reasons = new ArrayList<>();
            int score = 0;
            for (String x : e.ecosystems()) if (me.ecosystems().contains(x)) { score += 3; reasons.add("same ecosystem: " + directory.concept(x)); }
            for (String x : e.categories()) if (me.categories().contains(x)) { score += 3; reasons.add("same Observatory category: " + directory.concept(x)); }
            for (String x : e.levels()) if (me.levels().contains(x)) { score += 1; reasons.add("same programme level: " + directory.concept(x)); }
            for (String x : e.awards()) if (me.awards().contains(x)) { score += 1; reasons.add("same label: " + directory.concept(x)); }
            if (linked.contains(e.iri())) { score += 4; reasons.add("existing collaboration"); }
            String kind = "similar";
            if (score == 0 && !e.ecosystems().isEmpty() && !me.ecosystems().isEmpty() && !e.levels().isEmpty() && !me.levels().isEmpty()) {
                // Complementary: another ecosystem, but a cluster at the same stage of development in its own programme.
                kind = "complementary";
                score = 1;
                reasons.add("complementary ecosystem (" + String.join(", ", e.ecosystems().stream().map(directory::concept).toList())
                        + ") at a comparable programme stage");
            }
            if (score > 0) out.add(new Candidate(e, score, reasons, kind));
        }
        out.sort(Comparator.comparingInt(Candidate::score).reversed().thenComparing(c -> c.e().label(langs)));
        StringBuilder sb = new StringBuilder("<h1>Partners abroad for ").append(esc(me.label(langs))).append("</h1>");
        sb.append("<p class=\"muted\">Clusters in other countries, ranked by what they share with this one.</p><table id=\"partners\">"
                + "<tr><th>Cluster</th><th>Country</th><th>Kind</th><th>Score</th><th>Why</th></tr>");
        for (Candidate c : out.subList(0, Math.min(30, out.size())))
            sb.append("<tr><td><a href=\"/cluster?id=").append(url(c.e().iri())).append("\">").append(esc(c.e().label(langs))).append("</a></td><td>")
                    .append(esc(country(c.e().country()))).append("</td><td>").append(c.kind()).append("</td><td>").append(c.score()).append("</td><td>")
                    .append(esc(String.join("; ", c.reasons()))).append("</td></tr>");
        sb.append("</table>");
        return Html.page("Partners abroad", sb.toString(), rdfLink("DESCRIBE <" + co + ">"), null);
    }

    // ---------------------------------------------------------------- SPARQL editor

    String editor() {
        StringBuilder sb = new StringBuilder("<h1>SPARQL over the whole network</h1><p>Endpoint: <code>").append(esc(sparql.endpoint()))
                .append("</code>. Examples from the analyst catalogue:</p><ul id=\"catalogue\">");
        List<Map<String, String>> items = new ArrayList<>();
        for (WebFront.Catalogue c : catalogue) {
            sb.append("<li><a href=\"#\" class=\"example\" data-id=\"").append(esc(c.id())).append("\">").append(esc(c.title())).append("</a> <span class=\"muted\">")
                    .append(esc(c.question())).append("</span></li>");
            items.add(Map.of("id", c.id(), "query", c.text()));
        }
        sb.append("</ul><div id=\"yasgui\"></div>");
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(items).replace("</", "<\\/");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String first = catalogue.isEmpty() ? "SELECT * WHERE { ?s ?p ?o } LIMIT 10" : catalogue.get(0).text();
        sb.append("<script src=\"/webjars/zazuko__yasgui/4.5.0/build/yasgui.min.js\"></script><script>"
                + "const examples=").append(json).append(";"
                + "Yasgui.Yasqe.defaults.autocompleters=[];"
                + "const yasgui=new Yasgui(document.getElementById('yasgui'),{requestConfig:{endpoint:window.location.origin+'/query',method:'POST'},"
                + "copyEndpointOnNewTab:false,endpointCatalogueOptions:{getData:()=>[]},persistenceId:null});"
                + "const tab=yasgui.getTab();tab.setQuery(").append(new ObjectMapper().valueToTree(first).toString().replace("</", "<\\/")).append(");"
                + "document.querySelectorAll('.example').forEach(a=>a.addEventListener('click',ev=>{ev.preventDefault();"
                + "const ex=examples.find(x=>x.id===a.dataset.id);const t=yasgui.getTab();t.setQuery(ex.query);t.getYasqe().query();}));"
                + "</script>");
        return Html.page("SPARQL", sb.toString(), rdfLink("CONSTRUCT { ?d ?p ?o } WHERE { ?d a <http://rdfs.org/ns/void#Dataset> ; ?p ?o }"),
                "<link rel=\"stylesheet\" href=\"/webjars/zazuko__yasgui/4.5.0/build/yasgui.min.css\">");
    }

    // ---------------------------------------------------------------- network

    String network() {
        StringBuilder sb = new StringBuilder("<h1>The network</h1><table id=\"members\"><tr><th>Member</th><th>Endpoint</th><th>Status</th>"
                + "<th>Triples</th><th>Last publication</th><th>Validation</th></tr>");
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
                        last = "version " + v.get("version").asText() + ", " + v.get("time").asText().substring(0, 19).replace('T', ' ') + " by " + v.get("publisher").asText();
                        state = "passed the publish gate (SHACL + ownership)";
                    }
                }
            } catch (Exception e) {
                up = up && true;
            }
            sb.append("<tr class=\"member\"><td>").append(esc(m.id())).append("</td><td><code>").append(esc(m.sparql())).append("</code></td><td class=\"")
                    .append(up ? "up\">up" : "down\">down").append("</td><td>").append(esc(triples)).append("</td><td>").append(esc(last))
                    .append("</td><td>").append(esc(state)).append("</td></tr>");
        }
        sb.append("</table>");
        return Html.page("Network", sb.toString(), rdfLink("CONSTRUCT { ?d ?p ?o } WHERE { ?d a <http://rdfs.org/ns/void#Dataset> ; ?p ?o }"), null);
    }
}
