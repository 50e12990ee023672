package org.cipnet.federation.members;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.cipnet.federation.exec.MemberClient;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.PublishingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-reading a real node's VoID: an unchanged one is not sent or parsed again (304), a new version's is. */
class MemberCatalogRefreshTest {
    @TempDir
    static Path dir;

    static PublishingNode lv;
    static MemberClient http;

    @BeforeAll
    static void start() throws Exception {
        lv = PublishingNode.start(dir, "lv");
        http = new MemberClient();
    }

    @AfterAll
    static void stop() {
        if (http != null) http.close();
        if (lv != null) lv.close();
    }

    /** The federator's member client, noting whether each VoID it fetched came whole (false) or as a 304 (true). */
    record Recording(MemberRequests client, List<Boolean> unchanged) implements MemberRequests {
        @Override
        public Document fetch(Member m, String url, String accept, String etag, Duration timeout) throws IOException, InterruptedException {
            Document d = client.fetch(m, url, accept, etag, timeout);
            unchanged.add(d.unchanged());
            return d;
        }

        @Override
        public List<Binding> select(Member m, String query, Map<String, Var> vars, Duration timeout) {
            return client.select(m, query, vars, timeout);
        }
    }

    @Test
    void aRefreshKeepsUnchangedStatisticsAndReadsANewVersion() {
        String formerName = "https://w3id.org/cipnet/ontology#formerName";
        Node former = NodeFactory.createURI(formerName);
        lv.publishWithout(former);

        Member m = MemberDiscovery.discover(null, lv.node().baseUrl() + "lv");
        var fetched = new Recording(http, new CopyOnWriteArrayList<>());
        var catalog = new MemberCatalog(List.of(m), Checkout.validator().reference(), fetched);
        MemberCatalog.Summary first = catalog.summary(m);
        assertNotNull(first.predicates(), "statistics from the VoID");
        assertNotNull(first.etag(), "the node's VoID has an ETag");
        assertFalse(first.predicates().containsKey(formerName));

        MemberCatalog.Summary refreshed = catalog.loadOnce(m).join();
        assertEquals(List.of(false, true), fetched.unchanged(), "the refresh was answered 304");
        assertSame(first.predicates(), refreshed.predicates(), "the statistics in hand are kept, not parsed again");
        assertTrue(refreshed.loadedAt() >= first.loadedAt());
        assertSame(refreshed, catalog.summary(m), "kept as read anew");

        // A publication between refreshes: the next refresh gets the new version's VoID and statistics.
        lv.publish(lv.original());
        MemberCatalog.Summary published = catalog.loadOnce(m).join();
        assertEquals(List.of(false, true, false), fetched.unchanged());
        assertTrue(published.predicates().containsKey(formerName), "the new version's predicate");
        assertNotEquals(first.etag(), published.etag());

        // Dropped statistics take their ETag with them: the next load asks unconditionally.
        catalog.invalidate(m.id());
        assertNotNull(catalog.summary(m).predicates());
        assertEquals(List.of(false, true, false, false), fetched.unchanged());
    }
}
