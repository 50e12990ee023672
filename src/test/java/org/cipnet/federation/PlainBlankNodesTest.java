package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.federation.members.MemberDiscovery;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.testing.Checkout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Paths through blank nodes over plain members (stock Fuseki, Oxigraph) of which one also holds a
 * copy of the reference graph: the reference graph's blank nodes (a programme level's period) and
 * the member's copy of them count once, as in one store. Query 03's {@code levelSince} once returned
 * each level's year twice.
 */
class PlainBlankNodesTest {
    static final List<AutoCloseable> open = new ArrayList<>();

    /** Every programme level with the year it began: through the reference graph's blank nodes (its periods). */
    static final String LEVEL_SINCE = """
            PREFIX cip: <https://w3id.org/cipnet/ontology#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX time: <http://www.w3.org/2006/time#>
            SELECT ?level ?levelSince WHERE {
              ?l skos:prefLabel ?level FILTER(langMatches(lang(?level), "en"))
              ?l cip:period/time:hasBeginning/time:inXSDgYear ?levelSince
            }""";

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    /** Every programme level with the year it began, over the shipped Norwegian and Swedish graphs. */
    @ParameterizedTest
    @EnumSource(value = MemberServers.Kind.class, names = {"FUSEKI", "OXIGRAPH"})
    void levelPeriodsOfTheReferenceGraphCountOnce(MemberServers.Kind kind) throws Exception {
        Graph central = GraphFactory.createDefaultGraph();
        Checkout.validator().reference().find().forEachRemaining(central::add);
        List<String> specs = new ArrayList<>();
        for (String cc : List.of("no", "se")) {
            Graph g = GraphFactory.createDefaultGraph();
            for (Path file : RdfFiles.collect(List.of(Checkout.files().data().resolve(cc)))) RdfFiles.read(file, g);
            g.find().forEachRemaining(central::add);
            if (cc.equals("no")) Checkout.validator().reference().find().forEachRemaining(g::add);
            MemberServers.Store s = MemberServers.start(kind, cc);
            s.load(g);
            open.add(s);
            specs.add(cc + "=" + s.endpoint());
        }
        Federator fed = Federator.start(FederatorConfig.of(MemberDiscovery.resolve(specs), 0), Checkout.validator().reference());
        open.add(fed);
        var o = ResultCompare.compare(fed.sparqlUrl(), central, LEVEL_SINCE);
        assertTrue(o.same(), "federated:\n" + o.federated() + "\ncentral:\n" + o.central());
        assertTrue(o.central().contains("\"2014\""), "the reference graph's GCE level began in 2014:\n" + o.central());
    }

    /**
     * Generated data whose reference graph has periods too, held by the federator and copied into the
     * first member: hand-written shapes through blank nodes (paths, a blank node reached without its
     * subject, DISTINCT over blank nodes, zero-length paths, EXISTS, CONSTRUCT) and every generated
     * query about periods.
     */
    @ParameterizedTest
    @EnumSource(value = MemberServers.Kind.class, names = {"FUSEKI", "OXIGRAPH"})
    void pathsThroughBlankNodesCountOnce(MemberServers.Kind kind) {
        TestFederation fed = new TestFederation(kind, 3, 30, 11, true);
        open.add(fed);
        List<String> queries = new ArrayList<>(java.util.stream.Stream.of(
                "SELECT ?c ?b WHERE { ?c p:label ?l ; p:period/p:begin ?b }",
                "SELECT ?b WHERE { ?x p:begin ?b }",
                "SELECT DISTINCT ?x WHERE { ?x p:begin ?b }",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s p:period/(p:begin|p:end) ?y }",
                "SELECT ?s ?e WHERE { ?s p:period ?x . ?x p:end ?e }",
                "SELECT ?c ?n WHERE { ?c p:rank ?r OPTIONAL { ?c p:period ?x . ?x p:begin ?n } }",
                "SELECT ?c WHERE { ?c p:label ?l FILTER NOT EXISTS { ?c p:period/p:end ?e } }",
                "SELECT ?s ?o WHERE { ?s p:period* ?o FILTER(isBlank(?o)) }",
                "SELECT ?b (COUNT(?x) AS ?n) WHERE { ?x p:begin ?b } GROUP BY ?b",
                "CONSTRUCT { ?s p:started ?b } WHERE { ?s p:period/p:begin ?b }",
                "ASK { ?x p:begin 2000 ; p:end 2010 }").map(q -> QueryGenerator.PREFIX + q).toList());
        for (String g : QueryGenerator.generate(500, 3, 30, 7)) if (g.contains("p:period") && !queries.contains(g)) queries.add(g);
        List<String> failures = new ArrayList<>();
        for (String q : queries) {
            var o = ResultCompare.compare(fed.federator.sparqlUrl(), fed.central, q);
            if (!o.same()) failures.add(q.substring(QueryGenerator.PREFIX.length()) + "\n  federated: " + o.federated() + "\n  central:   " + o.central());
        }
        assertTrue(queries.size() > 20, queries.size() + " queries");
        assertTrue(failures.isEmpty(), failures.size() + " of " + queries.size() + " differ over " + kind + ":\n" + String.join("\n", failures.subList(0, Math.min(4, failures.size()))));
    }
}
