package org.cipnet.web;

import java.util.List;
import java.util.Map;

/** What the templates render: plain records, built by {@link Pages} and {@link Profile}. */
public final class Views {
    private Views() {}

    /** A link whose target is null when it must not be one (see {@link Ui#safeHref}). */
    public record Link(String text, String href) {}

    /** One value shown for a fact of the cluster ({@code p} is the predicate, for the fact count). */
    public record Fact(String p, String label, String value, String href, String lang) {}

    public record Facet(String key, String title, List<FacetValue> values) {}

    public record FacetValue(String label, int count, String href, boolean active) {}

    public record Row(String href, String name, String nameLang, String alsoEnglish, String country, String city, List<String> ecosystems,
                      List<String> levels, String matchedField, String matched) {}

    public record MapArea(String code, String name, int hits, String href, String fill) {}

    public record Search(String q, List<Facet> facets, List<Link> activeFilters, String clear, List<Row> rows, int total,
                         List<MapArea> map, String mapViewBox, Map<String, String> hidden) {}

    public record Source(int n, String title, String href, String accessed, boolean direct) {}

    public record Award(String level, String from, String until, String awarder, String score, String comment, List<Integer> sources) {}

    public record Participation(String programme, String level, String from, String until, String comment, List<Integer> sources,
                                int left, int width) {}

    public record Partner(String name, String href, String country, String fact) {}

    public record Collaboration(String name, List<Partner> partners, String type, String from, String comment, List<Integer> sources) {}

    public record Point(String period, String value, boolean approximate, String comment, List<Integer> sources) {}

    public record Indicator(String label, String unit, String dimension, List<Point> points, String polyline, String dots, String min, String max) {}

    public record Identifier(String registry, String notation, String href) {}

    public record Profile(String iri, String name, String nameLang, String country, String city, String region, Link homepage, String founded,
                          List<Fact> names, List<Fact> otherNames, List<Fact> descriptions, List<Fact> classification, List<Award> awards,
                          List<Participation> participations, int timelineFrom, int timelineTo, List<Collaboration> collaborations,
                          List<Fact> projects, List<Indicator> indicators, List<Identifier> identifiers, List<Fact> otherFacts,
                          List<Source> sources, String nodePage, String jsonLd, int facts) {}

    /** A partner on the partners page; {@code iri} is set for the scored candidates (existing partners are in the profile's graph). */
    public record Candidate(String iri, String href, String name, String country, String kind, int score, List<String> reasons) {}

    /** {@code noRelations}: the sentence saying why no candidate is complementary when the vocabularies relate no concepts, else null. */
    public record Partners(String name, String href, List<Candidate> existing, List<Candidate> candidates, String empty, String noRelations) {}

    public record Column(String name, String href) {}

    public record CompareRow(String label, List<String> cells) {}

    public record Series(String label, List<String> cells) {}

    public record Compare(List<Link> countries, List<String> selectedCountries, List<Link> picked, List<Column> columns, List<CompareRow> rows,
                          String chartJson, String empty) {}

    public record Member(String id, String endpoint, boolean up, String triples, String last, String state) {}

    public record Example(String id, String title, String question) {}
}
