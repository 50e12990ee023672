package org.cipnet.node;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.cipnet.opendata.Dcat;
import org.cipnet.testing.Http;
import org.cipnet.testing.PublishingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's dumps: the national graph whole, size and checksum as its DCAT says, conditional GETs,
 * new after a publication; its VoID description's conditional GETs too.
 */
class NodeDownloadsTest {
    @TempDir
    static Path dir;

    static PublishingNode lv;
    static NationalNode node;
    static Graph original;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        lv = PublishingNode.start(dir, "lv");
        node = lv.node();
        original = lv.original();
    }

    @AfterAll
    static void stop() {
        lv.close();
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) b.headers(headers);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Graph dcat() {
        var r = Http.get(node.baseUrl() + "lv/dcat", "Accept", "text/turtle");
        assertEquals(200, r.statusCode());
        return RDFParser.create().source(new StringReader(r.body())).lang(Lang.TURTLE).toGraph();
    }

    /** The distribution whose download URL is {@code url}, checked against the bytes served there. */
    static void assertDescribed(Graph dcat, String url, byte[] body) throws Exception {
        Node dist = dcat.find(Node.ANY, Dcat.downloadURL, NodeFactory.createURI(url)).next().getSubject();
        assertEquals(body.length, ((Number) dcat.find(dist, Dcat.byteSize, Node.ANY).next().getObject().getLiteralValue()).longValue(),
                "byte size of " + url);
        Node sum = dcat.find(dist, Dcat.checksum, Node.ANY).next().getObject();
        assertEquals(Dcat.SHA256, dcat.find(sum, Dcat.algorithm, Node.ANY).next().getObject());
        String hex = dcat.find(sum, Dcat.checksumValue, Node.ANY).next().getObject().getLiteralLexicalForm();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), hex.toLowerCase(), "SHA-256 of " + url);
    }

    @Test
    void dumpsHoldTheGraphAsDescribedAndChangeOnlyWithAPublication() throws Exception {
        String ntUrl = node.baseUrl() + "lv/dump.nt.gz", ttlUrl = node.baseUrl() + "lv/dump.ttl";
        var nt = get(ntUrl);
        assertEquals(200, nt.statusCode());
        assertEquals("application/gzip", nt.headers().firstValue("Content-Type").orElseThrow());
        Graph fromNt = RDFParser.source(new GZIPInputStream(new ByteArrayInputStream(nt.body()))).lang(Lang.NTRIPLES).toGraph();
        assertTrue(fromNt.isIsomorphicWith(original), "the N-Triples dump is the national graph");
        var ttl = get(ttlUrl);
        assertEquals(200, ttl.statusCode());
        assertTrue(RDFParser.source(new ByteArrayInputStream(ttl.body())).lang(Lang.TURTLE).toGraph().isIsomorphicWith(original),
                "the Turtle dump is the national graph");
        Graph dcat = dcat();
        assertDescribed(dcat, ntUrl, nt.body());
        assertDescribed(dcat, ttlUrl, ttl.body());

        String etag = nt.headers().firstValue("ETag").orElseThrow();
        String lastModified = nt.headers().firstValue("Last-Modified").orElseThrow();
        assertEquals(304, get(ntUrl, "If-None-Match", etag).statusCode());
        assertEquals(304, get(ntUrl, "If-None-Match", "W/" + etag).statusCode(), "If-None-Match compares weakly");
        assertEquals(304, get(ntUrl, "If-Modified-Since", lastModified).statusCode());
        assertTrue(lastModified.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), "HTTP's date format: " + lastModified);

        // A publication (one more label) makes new dumps: a new ETag, the new graph, a DCAT that describes them.
        Graph changed = lv.publishOneMoreTriple();
        var again = get(ntUrl, "If-None-Match", etag);
        assertEquals(200, again.statusCode(), "a publication changes the dump");
        assertNotEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        assertTrue(RDFParser.source(new GZIPInputStream(new ByteArrayInputStream(again.body()))).lang(Lang.NTRIPLES).toGraph()
                .isIsomorphicWith(changed));
        assertDescribed(dcat(), ntUrl, again.body());
    }

    /** A node started again on its store (with --data, as the README's command reads) serves the downloads of its version at once. */
    @Test
    void aRestartedNodeServesItsDownloads() throws Exception {
        var config = NodeConfig.of("is", dir.resolve("restarted"), 0).withData(org.cipnet.testing.Checkout.files().home().resolve("data/is"));
        try (var first = NationalNode.start(config, org.cipnet.testing.Checkout.validator())) {
            assertEquals(200, get(first.baseUrl() + "is/" + Downloads.NT_GZ).statusCode());
        }
        try (var again = NationalNode.start(config, org.cipnet.testing.Checkout.validator())) {
            assertEquals(1, again.store().versions().size(), "--data is not read into a store that has data");
            assertEquals(200, get(again.baseUrl() + "is/" + Downloads.NT_GZ).statusCode());
            assertEquals(200, get(again.baseUrl() + "is/dcat", "Accept", "text/turtle").statusCode());
        }
    }

    /** The dataset's {@code void:triples} in a VoID description (the one with a URI space). */
    static long voidTriples(byte[] turtle) {
        Graph g = RDFParser.source(new ByteArrayInputStream(turtle)).lang(Lang.TURTLE).toGraph();
        Node triples = NodeFactory.createURI("http://rdfs.org/ns/void#triples"), uriSpace = NodeFactory.createURI("http://rdfs.org/ns/void#uriSpace");
        Node dataset = g.find(Node.ANY, uriSpace, Node.ANY).next().getSubject();
        return ((Number) g.find(dataset, triples, Node.ANY).next().getObject().getLiteralValue()).longValue();
    }

    @Test
    void voidIsNotModifiedForItsETagUntilAPublication() throws Exception {
        String voidUrl = node.baseUrl() + "lv/void", wellKnown = node.baseUrl() + ".well-known/void";
        try {
            var first = get(voidUrl, "Accept", "text/turtle");
            assertEquals(200, first.statusCode());
            String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("the VoID has no ETag"));
            var unchanged = get(voidUrl, "Accept", "text/turtle", "If-None-Match", etag);
            assertEquals(304, unchanged.statusCode());
            assertEquals(0, unchanged.body().length);
            assertEquals(304, get(wellKnown, "Accept", "text/turtle", "If-None-Match", etag).statusCode(), "the same document at /.well-known/void");
            var jsonLd = get(voidUrl, "Accept", "application/ld+json", "If-None-Match", etag);
            assertEquals(200, jsonLd.statusCode(), "another syntax is another representation");
            assertNotEquals(etag, jsonLd.headers().firstValue("ETag").orElseThrow());

            Graph changed = lv.publishOneMoreTriple();
            var after = get(voidUrl, "Accept", "text/turtle", "If-None-Match", etag);
            assertEquals(200, after.statusCode(), "a publication changes the VoID");
            String newTag = after.headers().firstValue("ETag").orElseThrow();
            assertNotEquals(etag, newTag);
            assertEquals(changed.size(), voidTriples(after.body()), "the new version's statistics");
            assertEquals(304, get(wellKnown, "Accept", "text/turtle", "If-None-Match", newTag).statusCode());
        } finally {
            lv.publish(original); // the dumps test starts from the shipped graph
        }
    }
}
