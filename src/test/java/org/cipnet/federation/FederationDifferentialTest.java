package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The federated answer equals the answer of one store holding everything, for 500 generated
 * queries over three members (stars, chains across members, OPTIONAL, UNION, MINUS, NOT EXISTS,
 * aggregates, subqueries, property paths, ORDER BY/LIMIT/OFFSET, blank nodes, the reference graph),
 * for each kind of member: contract members (data split by subject; all 500), stock Fuseki and
 * Oxigraph (each triple on a random member; every second query, 250 each, to keep the suite's time).
 */
class FederationDifferentialTest {
    static final java.util.Map<MemberServers.Kind, TestFederation> feds = new java.util.EnumMap<>(MemberServers.Kind.class);

    @AfterAll
    static void stop() {
        feds.values().forEach(TestFederation::close);
    }

    @ParameterizedTest
    @EnumSource(MemberServers.Kind.class)
    void generatedQueriesGiveTheSingleStoreAnswer(MemberServers.Kind kind) {
        TestFederation fed = new TestFederation(kind, 3, 40, 42);
        feds.put(kind, fed);
        List<String> failures = new ArrayList<>();
        List<String> all = QueryGenerator.generate(500, 3, 40, 7);
        List<String> queries = kind.plain() ? java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 2 == 0).mapToObj(all::get).toList() : all;
        for (String q : queries) {
            var o = ResultCompare.compare(fed.federator.sparqlUrl(), fed.central, q);
            if (!o.same()) failures.add(q + "\n  federated: " + abbreviate(o.federated()) + "\n  central:   " + abbreviate(o.central()));
        }
        System.out.println("generated queries over " + kind + " members: " + queries.size() + " run, " + failures.size() + " differ");
        assertTrue(failures.isEmpty(), failures.size() + " of " + queries.size() + " differ over " + kind + " members:\n" + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
