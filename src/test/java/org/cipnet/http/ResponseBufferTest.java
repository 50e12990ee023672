package org.cipnet.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.cipnet.federation.FairUse;
import org.cipnet.federation.Federator;
import org.cipnet.federation.FederatorConfig;
import org.cipnet.federation.ResultCache;
import org.cipnet.federation.members.MemberDiscovery;
import org.cipnet.node.NationalNode;
import org.cipnet.node.NodeConfig;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node and the federator answer through Jetty's 32 KiB response buffer, not Fuseki's 5 MiB one:
 * an answer of a few hundred KiB comes on the wire in chunks of at most the small buffer (the large
 * one held it whole and sent it as one chunk when the writer flushed at its end), and it comes whole.
 */
class ResponseBufferTest {
    @TempDir
    static Path dir;

    static NationalNode node;
    static Federator federator;

    static final String ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }";
    static final String COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";

    @BeforeAll
    static void start() throws Exception {
        node = NationalNode.start(NodeConfig.of("no", dir.resolve("tdb"), 0).withData(Checkout.files().data().resolve("no")),
                Checkout.validator());
        federator = Federator.start(FederatorConfig.of(List.of(MemberDiscovery.discover(null, node.baseUrl() + "no")), 0),
                Checkout.validator().reference(), FairUse.OFF, ResultCache.OFF);
    }

    @AfterAll
    static void stop() {
        if (federator != null) federator.close();
        if (node != null) node.close();
    }

    @Test
    void aBuiltFusekiServerGetsJettysBufferInsteadOfFusekis() {
        FusekiServer fresh = FusekiServer.create().port(0).loopback(true).add("/ds", DatasetGraphFactory.createTxnMem()).build();
        assertEquals(5 << 20, bufferSize(fresh), "Fuseki's own response buffer, the reason for ResponseBuffer");
        assertEquals(32 << 10, ResponseBuffer.SIZE);
        assertEquals(ResponseBuffer.SIZE, bufferSize(ResponseBuffer.ofJettyDefaultSize(fresh)));
    }

    @Test
    void aNodeSendsALargeAnswerInSmallChunksAndWhole() throws IOException {
        assertStreamedWhole(node.sparqlUrl());
    }

    @Test
    void theFederatorSendsALargeAnswerInSmallChunksAndWhole() throws IOException {
        assertStreamedWhole(federator.sparqlUrl());
    }

    static int bufferSize(FusekiServer server) {
        Connector[] connectors = server.getJettyServer().getConnectors();
        assertEquals(1, connectors.length);
        return connectors[0].getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().getOutputBufferSize();
    }

    static void assertStreamedWhole(String endpoint) throws IOException {
        var count = Http.query(endpoint, COUNT, "application/sparql-results+json");
        assertEquals(200, count.statusCode(), count.body());
        long expected = rows(count.body().getBytes(StandardCharsets.UTF_8)).next().getLiteral("n").getLong();

        List<byte[]> chunks = chunks(endpoint + "?query=" + URLEncoder.encode(ALL, StandardCharsets.UTF_8));
        var body = new ByteArrayOutputStream();
        int largest = 0;
        for (byte[] c : chunks) {
            body.write(c);
            largest = Math.max(largest, c.length);
        }
        assertTrue(body.size() > 4 * ResponseBuffer.SIZE && body.size() < 5 << 20,
                "an answer larger than the small buffer and smaller than Fuseki's: " + body.size() + " bytes");
        assertTrue(largest <= ResponseBuffer.SIZE, "largest chunk " + largest + " bytes of " + body.size() + " in " + chunks.size());
        ResultSet rs = rows(body.toByteArray());
        long n = 0;
        for (; rs.hasNext(); rs.next()) n++;
        assertEquals(expected, n, "every row of " + endpoint);
    }

    /** The chunks of the answer to a GET of {@code url} as they came on the wire (HTTP/1.1, no compression asked). */
    static List<byte[]> chunks(String url) throws IOException {
        URI u = URI.create(url);
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + u.getRawPath() + "?" + u.getRawQuery() + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
                    + "\r\nAccept: application/sparql-results+json\r\n\r\n").getBytes(US_ASCII));
            out.flush();
            var in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            String status = line(in);
            assertTrue(status.startsWith("HTTP/1.1 200"), status);
            List<String> headers = new ArrayList<>();
            for (String h; !(h = line(in)).isEmpty(); ) headers.add(h.toLowerCase(Locale.ROOT).replace(" ", ""));
            // A kept-alive HTTP/1.1 answer whose length is unknown when its first bytes go out.
            assertTrue(headers.contains("transfer-encoding:chunked"), "sent before its end, so in chunks: " + headers);
            List<byte[]> chunks = new ArrayList<>();
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
                byte[] c = new byte[size];
                in.readFully(c);
                assertEquals("", line(in), "a chunk ends with CRLF");
                chunks.add(c);
            }
            return chunks;
        }
    }

    static String line(InputStream in) throws IOException {
        var b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new EOFException("the answer ended within a line");
            if (c != '\r') b.write(c);
        }
        return b.toString(US_ASCII);
    }

    static ResultSet rows(byte[] json) {
        return ResultSetFactory.fromJSON(new ByteArrayInputStream(json));
    }
}
