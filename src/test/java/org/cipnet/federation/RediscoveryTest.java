package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberDiscovery;
import org.cipnet.node.NationalNode;
import org.cipnet.node.NodeConfig;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A cipnet node that is not up when the federator starts (real node, real ports): a plain endpoint
 * at first, named when a query needs it, and a contract member once it answers, without a restart
 * of the federator.
 */
class RediscoveryTest {
    @TempDir
    Path dir;

    @Test
    void aNodeStartedAfterTheFederatorBecomesAContractMember() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://localhost:" + port + "/is";
        var discovered = MemberDiscovery.resolveAll(List.of(url));
        assertFalse(discovered.get(0).answered(), "the premise: nothing listens on port " + port + " yet");
        Member before = discovered.get(0).member();
        assertFalse(before.contract());
        var config = FederatorConfig.of(List.of(before), 0).withRediscovery(java.util.Map.of(before.id(), url), Duration.ofMillis(200));
        String q = "PREFIX cip: <https://w3id.org/cipnet/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                + "SELECT ?co ?l WHERE { ?co a cip:ClusterOrganisation ; skos:prefLabel ?l }";
        try (Federator fed = Federator.start(config, Checkout.validator().reference(), FairUse.OFF, ResultCache.OFF)) {
            var down = Http.query(fed.sparqlUrl(), q, "application/sparql-results+json");
            assertEquals(502, down.statusCode(), down.body());
            assertTrue(down.body().contains(before.id()), "the member that does not answer is named: " + down.body());

            try (NationalNode node = NationalNode.start(NodeConfig.of("is", dir.resolve("is"), port)
                    .withData(Checkout.files().data().resolve("is")), Checkout.validator())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!fed.catalog().byId(before.id()).orElseThrow().contract() && System.nanoTime() < deadline) Thread.sleep(100);
                Member after = fed.catalog().byId(before.id()).orElseThrow();
                assertTrue(after.contract(), "asked again, the node describes itself: " + after);
                assertEquals(List.of(after), fed.catalog().contractMembers());
                assertEquals(before.timeout(), after.timeout(), "what the federator was told stays");
                var description = Http.get(fed.sparqlUrl(), "Accept", "text/turtle");
                assertTrue(description.body().contains(after.uriSpace()), "the Service Description lists the member as it is now: " + description.body());

                var explain = new ObjectMapper().readTree(Http.get(fed.sparqlUrl() + "?explain=true&query="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8), "Accept", "application/json").body());
                assertEquals(1, explain.get("requests").asLong(), "the star goes to the node whole: " + explain.toPrettyString());
                assertTrue(explain.get("requestsSent").get(0).asText().contains("prefLabel"), explain.toPrettyString());

                Graph one = GraphFactory.createDefaultGraph();
                node.store().current().find().forEachRemaining(one::add);
                Checkout.validator().reference().find().forEachRemaining(one::add);
                var same = ResultCompare.compare(fed.sparqlUrl(), one, q);
                assertTrue(same.same(), same.federated() + "\n vs \n" + same.central());
            }
        }
    }
}
