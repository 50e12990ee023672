package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.cipnet.testing.Http;
import org.cipnet.testing.TestNetwork;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Catalogue query 08's shape on real nodes: rows binding both ends of a link, then the same label
 * star for each end as bind joins. The first star's request to each owner carries both ends'
 * values, and the second star takes its rows from that answer.
 */
class SharedBindJoinTest {
    static final String PREFIX = "PREFIX cip: <https://w3id.org/cipnet/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ";
    static final String QUERY = PREFIX + "SELECT ?x ?from ?fromCountry ?to ?toCountry WHERE { ?x cip:collaboratesWith ?a , ?b FILTER(?a != ?b) "
            + "?a skos:prefLabel ?from FILTER(langMatches(lang(?from), 'en')) ?a cip:country ?fromCountry . "
            + "?b skos:prefLabel ?to FILTER(langMatches(lang(?to), 'en')) ?b cip:country ?toCountry . }";

    @Test
    void bothEndsLabelsAreOneBoundRequestPerOwner() throws Exception {
        TestNetwork net = TestNetwork.get();
        Http.query(net.federator.sparqlUrl(), QUERY, "application/sparql-results+json"); // load member statistics
        var r = Http.get(net.federator.sparqlUrl() + "?explain=true&query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8), "Accept", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        var e = new ObjectMapper().readTree(r.body());
        String plan = e.get("plan").asText();
        assertTrue(plan.contains("(sequence"), "the label stars are bind joins: " + plan);
        Map<String, Integer> labelRequests = new TreeMap<>();
        for (var sent : e.get("requestsSent")) {
            String text = sent.asText();
            if (!text.contains("prefLabel")) continue;
            assertTrue(text.contains("VALUES"), "bound: " + text);
            labelRequests.merge(text.substring(0, text.indexOf(':')), 1, Integer::sum);
        }
        assertFalse(labelRequests.isEmpty(), e.toPrettyString());
        // The shipped data is small: one block of input rows, so one label round, one request per member.
        for (var m : labelRequests.entrySet()) assertEquals(1, m.getValue(), "label requests to " + m.getKey() + ": " + e.toPrettyString());
        var same = ResultCompare.compare(net.federator.sparqlUrl(), net.central, QUERY);
        assertTrue(same.same(), same.federated() + "\n vs \n" + same.central());
    }
}
