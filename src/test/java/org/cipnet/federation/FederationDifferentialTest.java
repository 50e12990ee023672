package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.QueryFactory;
import org.cipnet.federation.planner.PlanCounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The federated answer equals the answer of one store holding everything, for 500 generated
 * queries over three members (stars, chains across members, OPTIONAL, UNION, MINUS, NOT EXISTS,
 * aggregates, subqueries, property paths, ORDER BY/LIMIT/OFFSET, blank nodes, the reference graph),
 * for each kind of member: contract members (data split by subject; all 500), contract members that
 * serve VoID with link sets and hold the reference graph, as cipnet nodes do (all 500; only there
 * does the planner fold joins along member-local predicates into member requests, and the test
 * checks that it does; their statistics also make bind joins whose VALUES blocks hold UNDEF rows,
 * which once doubled rows), stock Fuseki and Oxigraph (each triple on a random member; every second
 * query, 250 each, to keep the suite's time).
 */
class FederationDifferentialTest {
    static final java.util.Map<MemberServers.Kind, TestFederation> feds = new java.util.EnumMap<>(MemberServers.Kind.class);

    @AfterAll
    static void stop() {
        feds.values().forEach(TestFederation::close);
    }

    private static TestFederation federation(MemberServers.Kind kind) {
        return feds.computeIfAbsent(kind, k -> new TestFederation(k, 3, 40, 42));
    }

    private static List<String> queries(MemberServers.Kind kind) {
        List<String> all = QueryGenerator.generate(500, 3, 40, 7);
        return kind.plain() ? java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 2 == 0).mapToObj(all::get).toList() : all;
    }

    @ParameterizedTest
    @EnumSource(MemberServers.Kind.class)
    void generatedQueriesGiveTheSingleStoreAnswer(MemberServers.Kind kind) {
        TestFederation fed = federation(kind);
        List<String> failures = new ArrayList<>();
        List<String> queries = queries(kind);
        // Over members with statistics and over stock Fuseki, every query is asked twice: the second request runs the plan kept from the first.
        int asks = kind == MemberServers.Kind.NODE || kind == MemberServers.Kind.FUSEKI ? 2 : 1;
        for (String q : queries) {
            for (int ask = 1; ask <= asks; ask++) {
                var o = ResultCompare.compare(fed.federator.sparqlUrl(), fed.central, q);
                if (!o.same()) failures.add((ask == 1 ? "" : "(asked again) ") + q + "\n  federated: " + abbreviate(o.federated()) + "\n  central:   " + abbreviate(o.central()));
            }
        }
        System.out.println("generated queries over " + kind + " members: " + queries.size() + " run" + (asks == 2 ? " twice" : "") + ", " + failures.size() + " differ");
        assertTrue(failures.isEmpty(), failures.size() + " of " + queries.size() + " differ over " + kind + " members:\n" + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
    }

    /**
     * Over members that publish link sets the planner folds member-local joins (stars merged along a
     * link, code-list lookups, sequence paths) into member requests for some generated queries, and
     * for none over contract members without VoID: none over NODE members would mean the VoID went unread.
     */
    @Test
    void memberLocalFoldsNeedTheMembersLinkSets() {
        long withVoid = folded(MemberServers.Kind.NODE), without = folded(MemberServers.Kind.CONTRACT);
        System.out.println("generated queries planned with a member-local fold: " + withVoid + " over NODE members, " + without + " over CONTRACT members");
        assertTrue(withVoid > 0, "no generated query was planned with a member-local fold over members with link sets");
        assertEquals(0, without, "a member-local fold over members without link sets");
    }

    private static long folded(MemberServers.Kind kind) {
        TestFederation fed = federation(kind);
        return queries(kind).stream().filter(q -> PlanCounts.memberLocalFolds(PlanCounts.plan(QueryFactory.create(q), fed.federator.catalog())) > 0).count();
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
