package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.cipnet.testing.PublishingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A request with a text already planned runs the kept plan while the catalogue gives the planner
 * the same inputs, and is planned afresh once a member's statistics change (a publication), with
 * the new data's answer.
 */
class KeptPlansTest {
    @TempDir
    static Path dir;

    static PublishingNode lv;
    static Federator federator;

    static final String QUERY = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            + "SELECT ?s ?label ?alt WHERE { ?s skos:prefLabel ?label OPTIONAL { ?s skos:altLabel ?alt } FILTER(lang(?label) = \"en\") }";

    @BeforeAll
    static void start() throws Exception {
        lv = PublishingNode.start(dir, "lv");
        federator = Federator.start(FederatorConfig.of(List.of(org.cipnet.federation.members.MemberDiscovery.discover(null, lv.node().baseUrl() + "lv")), 0),
                Checkout.validator().reference(), FairUse.OFF, ResultCache.OFF); // every answer evaluated: none from memory
    }

    @AfterAll
    static void stop() {
        if (federator != null) federator.close();
        if (lv != null) lv.close();
    }

    private static JsonNode explain(String q) throws Exception {
        var r = Http.get(federator.sparqlUrl() + "?explain=true&query=" + URLEncoder.encode(q, StandardCharsets.UTF_8), "Accept", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }

    private static void assertAnswersFrom(Graph published) {
        Graph all = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        published.find().forEachRemaining(all::add);
        Checkout.validator().reference().find().forEachRemaining(all::add);
        var same = ResultCompare.compare(federator.sparqlUrl(), all, QUERY);
        assertTrue(same.same(), "federated:\n" + same.federated() + "\ncentral:\n" + same.central());
    }

    @Test
    void aRepeatedTextRunsTheKeptPlanUntilAMembersStatisticsChange() throws Exception {
        JsonNode first = explain(QUERY);
        JsonNode again = explain(QUERY);
        assertFalse(first.get("planKept").asBoolean(), "the first request with this text is planned");
        assertTrue(again.get("planKept").asBoolean(), "the second runs the kept plan");
        assertEquals(first.get("plan"), again.get("plan"));
        assertEquals(first.get("rows"), again.get("rows"));
        assertAnswersFrom(lv.original());

        // Another text is another plan, even when it differs only in white space.
        assertFalse(explain(QUERY + " ").get("planKept").asBoolean());

        Graph published = lv.publishWithout(SKOS.altLabel.asNode());
        federator.catalog().invalidate("lv"); // what the result cache's version check does when it sees the new version
        JsonNode after = explain(QUERY);
        assertFalse(after.get("planKept").asBoolean(), "new statistics: planned afresh");
        assertAnswersFrom(published);
        assertTrue(explain(QUERY).get("planKept").asBoolean(), "and that plan is kept in turn");
    }
}
