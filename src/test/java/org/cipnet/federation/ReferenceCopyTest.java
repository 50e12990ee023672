package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.federation.members.MemberDiscovery;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whether a plain member (stock Fuseki) holds a copy of the reference graph is asked once and kept
 * with the member's statistics, not asked again by every query; and the answer stays exact when the
 * member loads or drops a copy meanwhile: the next query sees it.
 */
class ReferenceCopyTest {
    static final String QUERY = PlainBlankNodesTest.LEVEL_SINCE;

    final List<AutoCloseable> open = new ArrayList<>();
    final Graph reference = Checkout.validator().reference();
    Graph norway, sweden;
    MemberServers.Store no;
    Federator fed;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    /** Stock Fuseki members with the shipped Norwegian and Swedish graphs; the Norwegian one also a copy of the reference graph if asked. */
    void start(boolean copyInNorway) throws Exception {
        List<String> specs = new ArrayList<>();
        for (String cc : List.of("no", "se")) {
            Graph g = GraphFactory.createDefaultGraph();
            for (Path file : RdfFiles.collect(List.of(Checkout.files().data().resolve(cc)))) RdfFiles.read(file, g);
            MemberServers.Store s = MemberServers.start(MemberServers.Kind.FUSEKI, cc);
            open.add(s);
            if (cc.equals("no")) {
                norway = g;
                no = s;
                s.load(copyInNorway ? withReference(g) : g);
            } else {
                sweden = g;
                s.load(g);
            }
            specs.add(cc + "=" + s.endpoint());
        }
        fed = Federator.start(FederatorConfig.of(MemberDiscovery.resolve(specs), 0), reference);
        open.add(fed);
    }

    private Graph withReference(Graph data) {
        Graph g = GraphFactory.createDefaultGraph();
        data.find().forEachRemaining(g::add);
        reference.find().forEachRemaining(g::add);
        return g;
    }

    @Test
    void theCopyQuestionIsAskedOncePerStatisticsNotPerQuery() throws Exception {
        start(true);
        JsonNode first = explain();
        assertEquals(2, requests(first, "no"), "its triples and the ASK whether it holds a copy: " + first.get("requestsSent"));
        assertEquals(2, requests(first, "se"), first.get("requestsSent").toString());
        JsonNode second = explain();
        assertEquals(1, requests(second, "no"), "its triples only, the copy answer is kept: " + second.get("requestsSent"));
        assertEquals(1, requests(second, "se"), second.get("requestsSent").toString());
        same(norway);
        // Its statistics re-read (as every 30 s for a member without VoID): asked again.
        fed.catalog().invalidate();
        JsonNode third = explain();
        assertEquals(2, requests(third, "no"), third.get("requestsSent").toString());
        same(norway);
    }

    @Test
    void theAnswerFollowsAMemberLoadingAndDroppingACopy() throws Exception {
        start(false);
        same(norway);
        no.load(withReference(norway)); // its kept answer ("no copy") is now wrong: each level's period would count twice
        same(norway);
        assertEquals(1, requests(explain(), "no"), "then kept again");
        no.load(norway); // and now "copy" is wrong: there is none to take out
        same(norway);
        Graph none = GraphFactory.createDefaultGraph();
        no.load(none); // its data gone: the Norwegian programmes (the Arena programme began in 2002) with it
        assertTrue(answer(norway).contains("Arena programme"), answer(norway));
        same(none);
        no.load(withReference(none)); // only a copy of the reference graph
        same(none);
    }

    /** The federated answer is one store's, that store holding the reference graph, Sweden's graph and {@code norway} (what the member holds now besides a copy). */
    private void same(Graph norway) {
        var o = ResultCompare.compare(fed.sparqlUrl(), central(norway), QUERY);
        assertTrue(o.same(), "federated:\n" + o.federated() + "\ncentral:\n" + o.central());
        assertTrue(o.central().contains("\"2014\""), "the reference graph's GCE level began in 2014:\n" + o.central());
    }

    private String answer(Graph norway) {
        return ResultCompare.compare(fed.sparqlUrl(), central(norway), QUERY).central();
    }

    private Graph central(Graph norway) {
        Graph g = GraphFactory.createDefaultGraph();
        reference.find().forEachRemaining(g::add);
        sweden.find().forEachRemaining(g::add);
        norway.find().forEachRemaining(g::add);
        return g;
    }

    private JsonNode explain() throws Exception {
        var r = Http.get(fed.sparqlUrl() + "?explain=true&query=" + URLEncoder.encode(QUERY, StandardCharsets.UTF_8), "Accept", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }

    private static long requests(JsonNode explain, String member) {
        return explain.get("members").get(member).get("requests").asLong();
    }
}
