package org.cipnet.linking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cipnet.linking.Similarity.Name;
import org.cipnet.text.Normaliser;

/**
 * Scores candidates for a record and decides whether the best one is a link. One implementation
 * behind the reconciliation service and {@code cipnet link}.
 *
 * <p>Score (0–100) = 100 × (name similarity + evidence), clipped to 0–100:
 * <ul>
 * <li>name similarity (0–1): the best over all of the candidate's names of
 * 0.5 × soft token-set + 0.3 × trigram Dice + 0.2 × Jaro–Winkler of the sorted words
 * ({@link Similarity}); at most 0.6 when both names have numbers and they differ;</li>
 * <li>evidence: country +0.05 when equal, −0.35 when different (the same name in two countries is
 * two organisations); city, region (NUTS prefixes count as equal) +0.05 / −0.05; category or
 * ecosystem shared +0.03; homepage domain +0.15 / −0.05;</li>
 * <li>an exact external identifier (ECCP URL, register number, Wikidata id, or the candidate's own
 * IRI) gives 100 and decides alone.</li>
 * </ul>
 * {@code match} is true for the best candidate only, when its identifier matched (and no other
 * candidate has that identifier), or when its score is at least {@link #THRESHOLD} and at least
 * {@link #MARGIN} above the runner-up's: a false automatic link is worse than none.
 */
public final class Matcher {
    /** Names the scoring rule in the provenance of every link it makes. */
    public static final String VERSION = "cipnet-matcher/1";
    public static final double THRESHOLD = 85;
    public static final double MARGIN = 8;

    /** Candidate names looked at closely per query, chosen by shared trigrams. */
    private static final int SHORTLIST = 40;

    private final Normaliser normaliser = Normaliser.standard();
    private final List<Candidate> candidates;
    private final Map<String, String> conceptLabels;
    private final Map<String, Integer> byIri = new HashMap<>();
    private final Map<String, List<Integer>> byIdentifier = new HashMap<>();
    private final Name[] names;
    private final int[] owner;
    private final Map<Integer, int[]> postings = new HashMap<>();
    private final int frequent;
    private final String[] cities;
    /** Candidate c's names are names[nameStart[c]] up to names[nameStart[c + 1]]. */
    private final int[] nameStart;

    /**
     * @param candidates    everything a record may be linked to
     * @param conceptLabels English labels of code-list concepts (categories, ecosystems), by IRI, for category evidence given by name
     */
    public Matcher(List<Candidate> candidates, Map<String, String> conceptLabels) {
        this.candidates = List.copyOf(candidates);
        this.conceptLabels = Map.copyOf(conceptLabels);
        List<Name> ns = new ArrayList<>();
        List<Integer> own = new ArrayList<>();
        cities = new String[this.candidates.size()];
        nameStart = new int[this.candidates.size() + 1];
        for (int c = 0; c < this.candidates.size(); c++) {
            nameStart[c] = ns.size();
            Candidate cand = this.candidates.get(c);
            byIri.put(cand.iri(), c);
            for (String id : cand.identifiers()) byIdentifier.computeIfAbsent(id, k -> new ArrayList<>()).add(c);
            Set<String> seen = new HashSet<>();
            for (String n : cand.names()) {
                Name name = Name.of(n, normaliser);
                if (name.isEmpty() || !seen.add(name.sorted())) continue;
                ns.add(name);
                own.add(c);
            }
            cities[c] = cand.city() == null ? null : normaliser.fold(cand.city());
        }
        nameStart[this.candidates.size()] = ns.size();
        names = ns.toArray(Name[]::new);
        owner = own.stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, List<Integer>> lists = new HashMap<>();
        for (int i = 0; i < names.length; i++) for (int g : names[i].trigrams()) lists.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
        lists.forEach((g, l) -> postings.put(g, l.stream().mapToInt(Integer::intValue).toArray()));
        // A trigram in more than this many names says little about which one is meant.
        frequent = Math.max(50, names.length / 20);
    }

    public List<Candidate> candidates() { return candidates; }

    public Optional<Candidate> get(String iri) {
        Integer i = byIri.get(iri);
        return i == null ? Optional.empty() : Optional.of(candidates.get(i));
    }

    /** The English label of a concept, or null. */
    public String conceptLabel(String iri) { return conceptLabels.get(iri); }

    /** Up to {@code limit} candidates, best first; the first has {@code match} set by the rule above. */
    public List<Scored> match(LinkQuery q, int limit) {
        Set<Integer> byId = new HashSet<>();
        for (String raw : q.identifiers()) {
            if (raw == null || raw.isBlank()) continue;
            Integer own = byIri.get(raw.strip());
            if (own != null) byId.add(own);
            String id = Identifiers.normalise(raw);
            if (id != null) byId.addAll(byIdentifier.getOrDefault(id, List.of()));
        }
        Name query = Name.of(q.name() == null ? "" : q.name(), normaliser);
        Set<Integer> shortlist = new HashSet<>(byId);
        shortlist.addAll(nameShortlist(query));
        Evidence evidence = new Evidence(q);
        List<Scored> out = new ArrayList<>();
        for (int c : shortlist) {
            Candidate cand = candidates.get(c);
            if (!q.types().isEmpty() && cand.types().stream().noneMatch(q.types()::contains)) continue;
            out.add(score(c, cand, query, evidence, byId.contains(c)));
        }
        out.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(s -> s.candidate().iri()));
        if (!out.isEmpty()) {
            Scored best = out.get(0);
            double runnerUp = out.size() > 1 ? out.get(1).score() : 0;
            boolean byIdentifier = best.features().get("identifier") > 0 && (out.size() < 2 || out.get(1).features().get("identifier") == 0);
            boolean byName = best.score() >= THRESHOLD && best.score() - runnerUp >= MARGIN;
            if (byIdentifier || byName) out.set(0, new Scored(best.candidate(), best.score(), best.features(), true));
        }
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /** The score and features of one candidate for a query (no decision: {@code match} is false). */
    public Optional<Scored> explain(LinkQuery q, String iri) {
        Integer c = byIri.get(iri);
        if (c == null) return Optional.empty();
        Name query = Name.of(q.name() == null ? "" : q.name(), normaliser);
        return Optional.of(score(c, candidates.get(c), query, new Evidence(q), false));
    }

    /** Candidates whose names share the most distinctive trigrams with the query. */
    private Set<Integer> nameShortlist(Name query) {
        Set<Integer> out = new HashSet<>();
        if (query.isEmpty()) return out;
        int[] counts = new int[names.length];
        List<Integer> touched = new ArrayList<>();
        boolean anyRare = false;
        for (int g : query.trigrams()) {
            int[] p = postings.get(g);
            if (p != null && p.length <= frequent) { anyRare = true; break; }
        }
        for (int g : query.trigrams()) {
            int[] p = postings.get(g);
            if (p == null || (anyRare && p.length > frequent)) continue;
            for (int n : p) if (counts[n]++ == 0) touched.add(n);
        }
        int qn = query.trigrams().length;
        touched.sort(Comparator.comparingDouble((Integer n) -> -2.0 * counts[n] / (qn + names[n].trigrams().length)));
        for (int i = 0; i < touched.size() && out.size() < SHORTLIST; i++) out.add(owner[touched.get(i)]);
        return out;
    }

    private Scored score(int c, Candidate cand, Name query, Evidence e, boolean identifier) {
        Similarity.Parts best = Similarity.NONE;
        for (int i = nameStart[c]; i < nameStart[c + 1]; i++) {
            Similarity.Parts p = Similarity.compare(query, names[i]);
            if (p.combined() > best.combined()) best = p;
        }
        Map<String, Double> f = new LinkedHashMap<>();
        double s = best.combined();
        f.put("name", round(100 * s));
        f.put("name_tokens", round(100 * best.tokens()));
        f.put("name_trigrams", round(100 * best.trigrams()));
        f.put("name_jaro_winkler", round(100 * best.jaroWinkler()));
        double country = e.country == null || cand.country() == null ? 0 : e.country.equals(cand.country()) ? 1 : -1;
        s += country > 0 ? 0.05 : country < 0 ? -0.35 : 0;
        f.put("country", country);
        double city = e.city == null || cities[c] == null ? 0 : e.city.equals(cities[c]) ? 1 : -1;
        s += 0.05 * city;
        f.put("city", city);
        double region = compareRegions(e.regions, cand.regions());
        s += 0.05 * region;
        f.put("region", region);
        double category = e.categories.isEmpty() ? 0 : cand.categories().stream().anyMatch(x -> e.categories.contains(x) || e.categories.contains(lastSegment(x))
                || (conceptLabels.containsKey(x) && e.categories.contains(normaliser.fold(conceptLabels.get(x))))) ? 1 : 0;
        s += 0.03 * category;
        f.put("category", category);
        double homepage = e.domain == null || cand.domain() == null ? 0 : e.domain.equals(cand.domain()) ? 1 : -1;
        s += homepage > 0 ? 0.15 : homepage < 0 ? -0.05 : 0;
        f.put("homepage", homepage);
        f.put("identifier", identifier ? 1.0 : 0.0);
        double score = identifier ? 100 : round(100 * Math.max(0, Math.min(1, s)));
        return new Scored(cand, score, f, false);
    }

    private static double compareRegions(Set<String> query, Set<String> cand) {
        if (query.isEmpty() || cand.isEmpty()) return 0;
        for (String r : cand) {
            String code = lastSegment(r).toUpperCase(Locale.ROOT);
            for (String qr : query) if (code.startsWith(qr) || qr.startsWith(code)) return 1;
        }
        return -1;
    }

    static String lastSegment(String iri) {
        return iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** A query's evidence, normalised once. */
    private final class Evidence {
        final String country, city, domain;
        final Set<String> regions = new HashSet<>(), categories = new HashSet<>();

        Evidence(LinkQuery q) {
            country = Countries.alpha3(q.country());
            city = q.city() == null || q.city().isBlank() ? null : normaliser.fold(q.city());
            domain = Identifiers.domain(q.homepage());
            for (String r : q.regions()) if (r != null && !r.isBlank()) regions.add(lastSegment(r.strip()).toUpperCase(Locale.ROOT));
            for (String x : q.categories()) {
                if (x == null || x.isBlank()) continue;
                categories.add(x.strip());
                categories.add(lastSegment(x.strip()));
                categories.add(normaliser.fold(x));
            }
        }
    }
}
