package org.cipnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cipnet.vocab.CIP;

/**
 * The benchmark query set: the shapes analysts' queries are made of, over the synthetic data, and
 * the {@code queries/} catalogue with its national IRIs moved to the synthetic member that stands
 * in for each country (member {@code mN} publishes for the N-th country of the network's list).
 */
public final class BenchQueries {
    private static final String PREFIXES = """
            PREFIX cip: <https://w3id.org/cipnet/ontology#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX time: <http://www.w3.org/2006/time#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
            PREFIX eco: <https://w3id.org/cipnet/vocab/ecosystem/>
            PREFIX cat: <https://w3id.org/cipnet/vocab/eco-category/>
            PREFIX actor: <https://w3id.org/cipnet/vocab/actor-type/>
            PREFIX level: <https://w3id.org/cipnet/vocab/programme-level/>
            """;

    private BenchQueries() {}

    /** The benchmark shapes. */
    public static List<BenchQuery> shapes() {
        return List.of(
                q("star", "star", """
                        SELECT ?co ?label ?eco WHERE {
                          ?co a cip:ClusterOrganisation ; skos:prefLabel ?label ; cip:industrialEcosystem ?eco ; cip:clusterCategory cat:7 }"""),
                q("chain", "chain", """
                        SELECT ?co ?level WHERE {
                          ?p cip:participant ?co ; cip:level ?level ; cip:period ?period .
                          ?period time:hasBeginning ?b . ?b time:inXSDgYear ?year
                          FILTER(?year = "2010"^^xsd:gYear) }"""),
                q("filter", "filter", """
                        SELECT ?co ?v WHERE {
                          ?o cip:observedEntity ?co ; cip:actorType actor:university ; sdmx-measure:obsValue ?v
                          FILTER(?v >= 117) }"""),
                q("cross-member-join", "cross-member join", """
                        SELECT ?co ?partner ?partnerLabel ?partnerEco WHERE {
                          ?co cip:collaboratesWith ?partner .
                          ?partner skos:prefLabel ?partnerLabel ; cip:industrialEcosystem ?partnerEco }"""),
                q("optional", "optional", """
                        SELECT ?co ?partner WHERE {
                          ?co a cip:ClusterOrganisation ; cip:clusterCategory cat:3 .
                          OPTIONAL { ?co cip:collaboratesWith ?partner } }"""),
                q("top-k", "top-k", """
                        SELECT ?co ?v WHERE {
                          ?o cip:actorType actor:sme ; sdmx-measure:obsValue ?v ; cip:observedEntity ?co }
                        ORDER BY DESC(?v) ?co LIMIT 10"""),
                q("count-by-ecosystem", "aggregate", """
                        SELECT ?eco (COUNT(?co) AS ?organisations) WHERE {
                          ?co a cip:ClusterOrganisation ; cip:industrialEcosystem ?eco }
                        GROUP BY ?eco"""),
                q("sum-avg-by-actor-type", "aggregate", """
                        SELECT ?actor (SUM(?v) AS ?members) (AVG(?v) AS ?mean) (MIN(?v) AS ?least) (MAX(?v) AS ?most) WHERE {
                          ?o cip:actorType ?actor ; sdmx-measure:obsValue ?v }
                        GROUP BY ?actor"""),
                q("count-by-level-in-ecosystem", "aggregate", """
                        SELECT ?level (COUNT(?p) AS ?participations) WHERE {
                          ?p cip:level ?level ; cip:participant ?co . ?co cip:industrialEcosystem eco:digital }
                        GROUP BY ?level"""),
                q("count-distinct", "count-distinct", """
                        SELECT ?level (COUNT(DISTINCT ?eco) AS ?ecosystems) WHERE {
                          ?p cip:level ?level ; cip:participant ?co . ?co cip:industrialEcosystem ?eco }
                        GROUP BY ?level"""),
                q("property-path", "property path", """
                        SELECT ?co ?reached WHERE {
                          ?co cip:clusterCategory cat:5 ; cip:collaboratesWith+ ?reached }"""),
                // What analysts write (issue 17): a label in the reader's language, else English; dates at any
                // precision (ontology/MODEL.md); a filter over two variables at the end of the group; a union about a subject.
                q("language-fallback", "language fallback", """
                        SELECT ?co ?name WHERE {
                          ?o cip:observedEntity ?co ; cip:actorType actor:university ; sdmx-measure:obsValue ?v FILTER(?v >= 119)
                          OPTIONAL { ?co skos:prefLabel ?nb FILTER(lang(?nb) = "nb") }
                          OPTIONAL { ?co skos:prefLabel ?en FILTER(lang(?en) = "en") }
                          BIND(COALESCE(?nb, ?en) AS ?name) }"""),
                q("date-alternatives", "date alternatives", """
                        SELECT ?co ?level ?year WHERE {
                          ?p cip:participant ?co ; cip:level ?level ; cip:period ?i .
                          ?i time:hasBeginning/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?year
                          FILTER(STR(?year) = "2010") }"""),
                q("two-variable-filter", "two-variable filter", """
                        SELECT ?c ?a ?b WHERE {
                          ?c a cip:Collaboration ; cip:collaborator ?a , ?b .
                          OPTIONAL { ?c skos:prefLabel ?l }
                          FILTER(STR(?a) < STR(?b)) }"""),
                q("union-about-subject", "union about subject", """
                        SELECT ?co ?x WHERE {
                          ?co a cip:ClusterOrganisation ; cip:clusterCategory cat:3 .
                          { ?co cip:collaboratesWith ?x } UNION { ?co cip:industrialEcosystem ?x } }"""),
                // The web front's reads: a union that is the whole query; a VALUES block after the pattern (profiles read ahead).
                q("union-of-patterns", "union of patterns", """
                        SELECT ?co ?x ?y WHERE { { ?co cip:clusterCategory ?x } UNION { ?co cip:collaboratesWith ?y } }"""),
                q("values-after-pattern", "values after pattern", """
                        SELECT ?co ?label ?p WHERE {
                          { ?co skos:prefLabel ?label } UNION { ?p cip:participant ?co } }
                        VALUES ?co { %s %s }""".formatted(organisation(0, 1), organisation(1, 2))));
    }

    /** The IRI of the synthetic member's {@code k}-th cluster organisation, as {@link SyntheticGraphs} names it. */
    private static String organisation(int member, int k) {
        return "<" + CIP.uriSpace(SyntheticGraphs.memberName(member)) + "cluster-organisation/co-" + k + ">";
    }

    private static BenchQuery q(String name, String shape, String body) {
        return new BenchQuery(name, shape, PREFIXES + body + "\n");
    }

    /** The analyst catalogue, rewritten to the synthetic spaces of {@code members} members. */
    public static List<BenchQuery> catalogue(Path queries, int members) throws IOException {
        List<BenchQuery> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(queries)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".rq")).sorted().toList()) {
                String text = Files.readString(f);
                for (int i = 0; i < CIP.COUNTRIES.size(); i++) {
                    String cc = CIP.COUNTRIES.get(i);
                    String target = i < members ? CIP.uriSpace(SyntheticGraphs.memberName(i)) : CIP.SYNTHETIC + "none-" + cc + "/";
                    text = text.replace(CIP.uriSpace(cc), target);
                }
                String name = f.getFileName().toString().replaceFirst("\\.rq$", "");
                out.add(new BenchQuery(name, "catalogue", text));
            }
        }
        return out;
    }
}
