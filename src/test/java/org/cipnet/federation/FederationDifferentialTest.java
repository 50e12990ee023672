package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The federated answer equals the answer of one store holding everything, for 500 generated
 * queries over three members (stars, chains across members, OPTIONAL, UNION, MINUS, NOT EXISTS,
 * aggregates, subqueries, property paths, ORDER BY/LIMIT/OFFSET, blank nodes, the reference graph).
 */
class FederationDifferentialTest {
    static TestFederation fed;

    @BeforeAll
    static void start() {
        fed = new TestFederation(3, 40, 42);
    }

    @AfterAll
    static void stop() {
        if (fed != null) fed.close();
    }

    @Test
    void generatedQueriesGiveTheSingleStoreAnswer() {
        List<String> failures = new ArrayList<>();
        List<String> queries = QueryGenerator.generate(500, 3, 40, 7);
        for (String q : queries) {
            var o = ResultCompare.compare(fed.federator.sparqlUrl(), fed.central, q);
            if (!o.same()) failures.add(q + "\n  federated: " + abbreviate(o.federated()) + "\n  central:   " + abbreviate(o.central()));
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + queries.size() + " differ:\n" + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
