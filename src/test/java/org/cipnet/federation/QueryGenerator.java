package org.cipnet.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Generates SPARQL queries over {@link TestFederation}'s data, covering the SPARQL 1.1 features the federator must keep exact. */
final class QueryGenerator {
    private QueryGenerator() {}

    static final String PREFIX = "PREFIX p: <" + TestFederation.P + "> PREFIX v: <" + TestFederation.BASE + "vocab/> "
            + "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ";

    static List<String> generate(int n, int members, int subjects, long seed) {
        Random r = new Random(seed);
        List<Function<Random, String>> shapes = new ArrayList<>();
        Function<Random, String> org = x -> "<" + TestFederation.BASE + "m" + x.nextInt(members) + "/org/" + x.nextInt(subjects) + ">";
        shapes.add(x -> "SELECT ?s ?n WHERE { ?s a p:Org ; p:name ?n }");
        shapes.add(x -> "SELECT ?s ?z WHERE { ?s p:size ?z FILTER(?z > " + x.nextInt(50) + ") }");
        shapes.add(x -> "SELECT ?a ?n WHERE { ?a p:link ?b . ?b p:name ?n }");
        shapes.add(x -> "SELECT ?a ?c ?z WHERE { ?a p:link ?b . ?b p:link ?c . ?c p:size ?z FILTER(?z < " + x.nextInt(50) + ") }");
        shapes.add(x -> "SELECT ?s ?e WHERE { ?s a p:Cluster OPTIONAL { ?s p:period ?p . ?p p:end ?e } }");
        shapes.add(x -> "SELECT ?s WHERE { { ?s a p:Cluster } UNION { ?s p:size ?z FILTER(?z < " + x.nextInt(20) + ") } }");
        shapes.add(x -> "SELECT ?s WHERE { ?s a p:Org MINUS { ?s p:link ?x } }");
        shapes.add(x -> "SELECT ?s WHERE { ?s a p:Org FILTER NOT EXISTS { ?s p:name ?n FILTER(lang(?n) = 'nb') } }");
        shapes.add(x -> "SELECT ?c (COUNT(*) AS ?n) (SUM(?z) AS ?t) (MIN(?z) AS ?lo) (MAX(?z) AS ?hi) (AVG(?z) AS ?a) WHERE { ?s p:code ?c ; p:size ?z } GROUP BY ?c");
        shapes.add(x -> "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s p:link ?o . ?o p:code ?c }");
        shapes.add(x -> "SELECT ?s ?n ?m WHERE { { SELECT ?s (MAX(?z) AS ?m) WHERE { ?s p:size ?z } GROUP BY ?s HAVING (MAX(?z) > " + x.nextInt(40) + ") } ?s p:name ?n }");
        shapes.add(x -> "SELECT ?b WHERE { " + org.apply(x) + " p:link+ ?b }");
        shapes.add(x -> "SELECT ?a ?c WHERE { ?a p:link/p:code ?c }");
        shapes.add(x -> "SELECT ?b WHERE { " + org.apply(x) + " (p:link|^p:link) ?b }");
        shapes.add(x -> "SELECT ?s ?l WHERE { ?s p:code/p:label ?l }");
        shapes.add(x -> "SELECT ?s ?z WHERE { ?s p:size ?z } ORDER BY DESC(?z) ?s LIMIT " + (1 + x.nextInt(10)) + " OFFSET " + x.nextInt(5));
        shapes.add(x -> "SELECT ?s ?l WHERE { ?s p:code ?c . ?c p:label ?l FILTER(?l = \"Concept " + x.nextInt(5) + "\"@en) }");
        shapes.add(x -> "SELECT ?p ?o WHERE { " + org.apply(x) + " ?p ?o }");
        shapes.add(x -> "SELECT ?s ?b WHERE { ?s p:period ?p . ?p p:begin ?b FILTER(?b > " + (2000 + x.nextInt(20)) + ") }");
        shapes.add(x -> "SELECT DISTINCT ?c WHERE { ?s p:code ?c ; a p:Cluster }");
        shapes.add(x -> "SELECT ?s ?n WHERE { VALUES ?s { " + org.apply(x) + " " + org.apply(x) + " } ?s p:name ?n }");
        shapes.add(x -> "SELECT ?s ?d WHERE { ?s p:size ?z BIND(?z * 2 + 1 AS ?d) FILTER(?d > " + x.nextInt(90) + ") }");
        shapes.add(x -> "ASK { " + org.apply(x) + " p:link " + org.apply(x) + " }");
        shapes.add(x -> "CONSTRUCT { ?s p:twin ?o } WHERE { ?s p:link ?o . ?o p:link ?s }");
        shapes.add(x -> "SELECT ?s ?o ?r WHERE { ?s p:link ?o . ?o p:code ?c . ?c p:rank ?r FILTER(?r >= " + x.nextInt(5) + ") }");
        shapes.add(x -> "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s a p:Org OPTIONAL { ?s p:link ?o } } GROUP BY ?s HAVING (COUNT(?o) > 1)");
        shapes.add(x -> "SELECT ?s ?p ?b ?e WHERE { ?s p:period ?p . ?p p:begin ?b . OPTIONAL { ?p p:end ?e FILTER(?e > ?b) } }");
        shapes.add(x -> "SELECT * WHERE { ?a p:link ?b . ?b p:link ?a }");
        shapes.add(x -> "SELECT ?s ?n WHERE { ?s p:name ?n FILTER(CONTAINS(STR(?n), \"" + x.nextInt(members) + "-" + x.nextInt(10) + "\")) }");
        shapes.add(x -> "SELECT ?s WHERE { ?s p:link ?o FILTER EXISTS { ?o a p:Cluster } }");
        shapes.add(x -> "SELECT (COUNT(DISTINCT ?s) AS ?n) (AVG(?z) AS ?a) WHERE { ?s p:size ?z FILTER(?z > " + x.nextInt(60) + ") }");
        shapes.add(x -> "SELECT ?t (COUNT(?n) AS ?k) (MIN(?n) AS ?first) WHERE { ?s a ?t ; p:name ?n } GROUP BY ?t ORDER BY ?t");
        shapes.add(x -> "SELECT (SUM(?z) AS ?t) (COUNT(*) AS ?n) WHERE { ?s p:nothing ?z }");
        shapes.add(x -> "SELECT ?c (AVG(?r) AS ?a) WHERE { ?c p:rank ?r } GROUP BY ?c");
        shapes.add(x -> "SELECT DISTINCT ?c WHERE { ?s p:code ?c ; p:size ?z FILTER(?z > " + x.nextInt(50) + ") }");
        shapes.add(x -> "SELECT DISTINCT ?t ?c WHERE { ?s a ?t ; p:code ?c }");
        shapes.add(x -> "SELECT ?s ?n ?z WHERE { ?s a p:Org OPTIONAL { ?s p:name ?n FILTER(lang(?n) = 'nb') } OPTIONAL { ?s p:size ?z FILTER(?z > " + x.nextInt(50) + ") } }");
        shapes.add(x -> "SELECT ?s ?z WHERE { ?s a p:Org OPTIONAL { ?s p:size ?z } } ORDER BY DESC(?z) ?s LIMIT " + (1 + x.nextInt(10)));
        shapes.add(x -> "SELECT ?s ?o ?n WHERE { ?s a p:Cluster OPTIONAL { ?s p:link ?o } ?o p:name ?n }");
        shapes.add(x -> "SELECT ?c (COUNT(?n) AS ?k) (COUNT(*) AS ?all) WHERE { ?s p:code ?c OPTIONAL { ?s p:name ?n } } GROUP BY ?c");
        shapes.add(x -> "SELECT ?s ?o WHERE { VALUES ?o { " + org.apply(x) + " " + org.apply(x) + " } ?s a p:Org OPTIONAL { ?s p:link ?o } }");
        shapes.add(x -> "SELECT DISTINCT ?c ?z WHERE { ?s p:code ?c OPTIONAL { ?s p:size ?z FILTER(?z < " + x.nextInt(30) + ") } }");
        shapes.add(x -> "SELECT ?c (COUNT(DISTINCT ?z) AS ?n) (SUM(DISTINCT ?z) AS ?t) (AVG(DISTINCT ?z) AS ?a) (MIN(?z) AS ?lo) WHERE { ?s p:code ?c ; p:size ?z FILTER(?z > " + x.nextInt(30) + ") } GROUP BY ?c");
        shapes.add(x -> "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a p:Org ; p:code ?c }");
        // The date form of ontology/MODEL.md: a sequence path whose second step is alternatives, after a star that reaches it.
        shapes.add(x -> "SELECT ?s ?y WHERE { ?s a p:Cluster ; p:period ?p . ?p (p:begin|p:end) ?y FILTER(?y > " + (2000 + x.nextInt(30)) + ") }");
        shapes.add(x -> "SELECT ?s ?y WHERE { ?s p:code ?c ; p:period/(p:end|p:begin) ?y }");
        // The same star about both ends of a link (catalogue query 08's labels): one request may serve both.
        shapes.add(x -> "SELECT ?na ?nb WHERE { { ?a p:link ?b } UNION { ?b p:link ?a } ?a p:name ?na ; p:size ?za . ?b p:name ?nb ; p:size ?zb FILTER(?za > " + x.nextInt(40) + ") }");
        // A path joined to a star: the relation rides in the star's requests and the walk asks only the members left (StarExecutor.withRelations).
        shapes.add(x -> "SELECT ?s ?b WHERE { ?s a p:Cluster ; p:link+ ?b }");
        shapes.add(x -> "SELECT ?s ?b WHERE { ?s p:size ?z FILTER(?z < " + x.nextInt(20) + ") ?s (p:link|^p:link)+ ?b }");
        // Catalogue query 05's shapes: a star after an OPTIONAL, joined before it along the member-local period (JoinsBeforeOptionals),
        // unless a variable it shares with the OPTIONAL is only possibly bound; a filter over the OPTIONAL's variable after its left join.
        shapes.add(x -> "SELECT ?s ?b ?e WHERE { ?s a p:Cluster ; p:period ?p OPTIONAL { ?p p:begin ?b FILTER(?b > " + (2000 + x.nextInt(20)) + ") } ?p p:end ?e }");
        shapes.add(x -> "SELECT ?s ?y WHERE { ?s p:period ?p OPTIONAL { ?p p:begin ?y } ?p p:end ?y }");
        shapes.add(x -> "SELECT ?s ?b ?e WHERE { ?s p:size ?z ; p:period ?p OPTIONAL { ?p p:begin ?b } ?p p:end ?e "
                + "FILTER(!BOUND(?b) || ?b < " + (2000 + x.nextInt(20)) + " + ?z) }");
        shapes.add(x -> "SELECT ?s ?b ?n WHERE { ?s p:period ?p OPTIONAL { ?p p:begin ?b } ?s p:link ?o . ?o p:name ?n FILTER(!BOUND(?b) || STR(?b) < STR(?n)) }");
        // A query-level VALUES block (after the pattern, where Wikidata's examples put it): a bind join into a star, into each
        // branch of a union (one with a BIND before its bind join), and with UNDEF in a row.
        shapes.add(x -> "SELECT ?s ?n WHERE { ?s a p:Org ; p:name ?n } VALUES ?s { " + org.apply(x) + " " + org.apply(x) + " }");
        shapes.add(x -> "SELECT ?s ?x ?k WHERE { { ?s p:name ?x } UNION { ?o p:link ?s ; p:size ?x } UNION { ?s p:link ?y BIND(\"l\" AS ?k) . ?y p:name ?x } } "
                + "VALUES ?s { " + org.apply(x) + " " + org.apply(x) + " " + org.apply(x) + " }");
        shapes.add(x -> "SELECT ?o ?s ?z WHERE { ?o p:size ?z ; (p:link|p:code) ?s } VALUES ?s { " + org.apply(x) + " " + org.apply(x) + " }");
        shapes.add(x -> "SELECT ?s ?z WHERE { ?s p:size ?z } VALUES (?s ?z) { (" + org.apply(x) + " UNDEF) (UNDEF " + x.nextInt(50) + ") }");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(PREFIX + shapes.get(i % shapes.size()).apply(r));
        return out;
    }
}
