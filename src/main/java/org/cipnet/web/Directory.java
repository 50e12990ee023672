package org.cipnet.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.graph.Node;

/**
 * The cluster organisations of the whole network with the facts the Yellow Pages search and
 * facet on (names in every language, alternative and former names, city, classifications), read
 * with a handful of federated queries (one per kind of fact, joined here) and kept for a short while.
 */
final class Directory {
    record Entry(String iri, Map<String, String> labels, String country, Set<String> ecosystems, Set<String> categories,
                 Set<String> levels, Set<String> awards, String city, Set<String> otherNames) {

        String label(List<String> langs) {
            for (String l : langs) if (labels.containsKey(l)) return labels.get(l);
            return labels.values().stream().findFirst().orElse(iri);
        }
    }

    static final Map<String, String> COUNTRIES = new LinkedHashMap<>();
    static {
        String[][] c = {{"ISL", "Iceland"}, {"NOR", "Norway"}, {"SWE", "Sweden"}, {"FIN", "Finland"}, {"DNK", "Denmark"}, {"RUS", "Russia"},
                {"EST", "Estonia"}, {"LVA", "Latvia"}, {"LTU", "Lithuania"}, {"POL", "Poland"}, {"CZE", "Czechia"}};
        for (String[] x : c) COUNTRIES.put(x[0], x[1]);
    }

    static String countryCode(Node n) {
        if (n == null || !n.isURI()) return "";
        return n.getURI().substring(n.getURI().lastIndexOf('/') + 1);
    }

    private final Sparql sparql;
    private volatile List<Entry> cached;
    private volatile long loadedAt;
    private volatile Map<String, String> conceptLabels = Map.of();

    Directory(Sparql sparql) {
        this.sparql = sparql;
    }

    synchronized List<Entry> entries() {
        if (cached != null && System.currentTimeMillis() - loadedAt < 30_000) return cached;
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        Map<String, String> country = new HashMap<>(), city = new HashMap<>();
        for (var r : sparql.select("SELECT ?co ?l ?c WHERE { ?co a cip:ClusterOrganisation ; skos:prefLabel ?l ; cip:country ?c }")) {
            String co = r.get("co").getURI();
            labels.computeIfAbsent(co, k -> new LinkedHashMap<>()).put(r.get("l").getLiteralLanguage(), r.get("l").getLiteralLexicalForm());
            country.put(co, countryCode(r.get("c")));
        }
        for (var r : sparql.select("SELECT ?co ?city WHERE { ?co a cip:ClusterOrganisation ; cip:city ?city }"))
            city.putIfAbsent(r.get("co").getURI(), r.get("city").getLiteralLexicalForm());
        Map<String, Set<String>> other = multi("SELECT ?co ?v WHERE { ?co a cip:ClusterOrganisation { ?co skos:altLabel ?v } UNION { ?co cip:formerName ?v } }",
                Node::getLiteralLexicalForm);
        Map<String, Set<String>> eco = multi("SELECT ?co ?v WHERE { ?co a cip:ClusterOrganisation ; cip:industrialEcosystem ?v }");
        Map<String, Set<String>> cat = multi("SELECT ?co ?v WHERE { ?co a cip:ClusterOrganisation ; cip:clusterCategory ?v }");
        Map<String, Set<String>> lvl = multi("SELECT ?co ?v WHERE { ?p cip:participant ?co ; cip:level ?v }");
        Map<String, Set<String>> award = multi("SELECT ?co ?v WHERE { ?co cip:hasLabelAward ?a . ?a cip:labelLevel ?v }");
        Map<String, String> concepts = new HashMap<>();
        for (var r : sparql.select("SELECT ?c ?l WHERE { ?c a skos:Concept ; skos:prefLabel ?l FILTER(langMatches(lang(?l), 'en')) }"))
            concepts.put(r.get("c").getURI(), r.get("l").getLiteralLexicalForm());
        conceptLabels = concepts;
        List<Entry> out = new ArrayList<>();
        for (var e : labels.entrySet()) {
            String co = e.getKey();
            out.add(new Entry(co, e.getValue(), country.get(co), eco.getOrDefault(co, Set.of()), cat.getOrDefault(co, Set.of()),
                    lvl.getOrDefault(co, Set.of()), award.getOrDefault(co, Set.of()), city.get(co),
                    other.getOrDefault(co, Set.of())));
        }
        out.sort(Comparator.comparing(x -> Html.fold(x.label(List.of("en")))));
        cached = List.copyOf(out);
        loadedAt = System.currentTimeMillis();
        return cached;
    }

    /** The English label of a code-list concept, or its IRI's last segment. */
    String concept(String iri) {
        entries();
        String l = conceptLabels.get(iri);
        return l != null ? l : iri.substring(iri.lastIndexOf('/') + 1);
    }

    private Map<String, Set<String>> multi(String q) {
        return multi(q, Node::getURI);
    }

    /** {@code ?co} to the values of {@code ?v}, each as {@code value} gives it. */
    private Map<String, Set<String>> multi(String q, java.util.function.Function<Node, String> value) {
        Map<String, Set<String>> m = new HashMap<>();
        for (var r : sparql.select(q)) m.computeIfAbsent(r.get("co").getURI(), k -> new LinkedHashSet<>()).add(value.apply(r.get("v")));
        return m;
    }

    /** Facet counts for one dimension over a set of entries. */
    static Map<String, Integer> facet(List<Entry> entries, java.util.function.Function<Entry, Set<String>> values) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Entry e : entries) for (String v : values.apply(e)) counts.merge(v, 1, Integer::sum);
        return counts;
    }
}
