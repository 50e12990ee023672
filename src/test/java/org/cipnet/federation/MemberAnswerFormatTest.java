package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.cipnet.federation.exec.MemberClient;
import org.cipnet.federation.exec.QueryTrace;
import org.cipnet.federation.members.Member;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;

/**
 * Member answers come in the format the member chooses from the federator's {@code Accept}: a
 * Jena-based store (Fuseki, as every cipnet node is) answers a SELECT in RDF Thrift, and what the
 * federator reads from it is exactly what the store holds — literals with language and datatype, and
 * blank nodes under the store's own labels, as a stable-label member gives them in JSON too (joins on
 * blank nodes across requests rely on that). An ASK, which Thrift cannot carry, comes as JSON.
 */
class MemberAnswerFormatTest {
    private static final String DATA = """
            @prefix ex: <http://example.org/> .
            ex:a ex:label "a"@en , "á"@nb ; ex:size 3 ; ex:when "2024-05-01"^^<http://www.w3.org/2001/XMLSchema#date> ; ex:part _:p .
            _:p ex:label "part" ; ex:of ex:a .
            """;

    private static DatasetGraph store;
    private static FusekiServer fuseki;
    private static FakeMember relay;
    private static final List<String> answeredAs = new CopyOnWriteArrayList<>();
    private static final HttpClient FORWARD = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        store = DatasetGraphFactory.createTxnMem();
        RDFParser.fromString(DATA, Lang.TURTLE).parse(store.getDefaultGraph());
        store.getContext().set(ARQ.outputGraphBNodeLabels, true); // as a cipnet node keeps labels stable
        fuseki = FusekiServer.create().port(0).loopback(true).add("/ds", store).build().start();
        String endpoint = "http://localhost:" + fuseki.getHttpPort() + "/ds/sparql";
        // Passes requests on with the federator's own Accept header and notes the format that came back.
        relay = new FakeMember((ex, query) -> relay(ex, query, endpoint));
    }

    @AfterAll
    static void stop() {
        if (relay != null) relay.close();
        if (fuseki != null) fuseki.stop();
    }

    private static void relay(HttpExchange ex, String query, String endpoint) throws IOException {
        var req = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", ex.getRequestHeaders().getFirst("Accept"))
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<byte[]> res = FORWARD.send(req, HttpResponse.BodyHandlers.ofByteArray());
            String type = res.headers().firstValue("Content-Type").orElse("");
            answeredAs.add(type);
            ex.getResponseHeaders().add("Content-Type", type);
            ex.sendResponseHeaders(res.statusCode(), res.body().length == 0 ? -1 : res.body().length);
            if (res.body().length > 0) ex.getResponseBody().write(res.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Member member() {
        return new Member("m", relay.sparql(), "http://example.org/", null, Duration.ofSeconds(10), 2);
    }

    @Test
    void aJenaMemberAnswersInThriftAndEveryTermArrivesAsTheStoreHoldsIt() {
        String query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }";
        answeredAs.clear();
        List<Binding> got = new MemberClient().select(member(), query, Map.of("s", Var.alloc("s"), "p", Var.alloc("p"), "o", Var.alloc("o")),
                new QueryTrace(false));
        assertEquals(List.of("application/sparql-results+thrift"), answeredAs, "the member was asked for Thrift first and answered in it");

        Set<List<Node>> expected = new HashSet<>();
        store.getDefaultGraph().find().forEachRemaining(t -> expected.add(List.of(t.getSubject(), t.getPredicate(), t.getObject())));
        Set<List<Node>> read = new HashSet<>();
        for (Binding b : got) read.add(List.of(b.get(Var.alloc("s")), b.get(Var.alloc("p")), b.get(Var.alloc("o"))));
        // Node equality includes blank-node labels: the store's own, so they can be sent back.
        assertEquals(expected, read);
        assertEquals(expected.size(), got.size());
        assertTrue(read.stream().anyMatch(r -> r.get(0).isBlank()), "the data has a blank node");
    }

    @Test
    void anAskComesAsJsonAndIsRead() {
        answeredAs.clear();
        MemberClient client = new MemberClient();
        assertTrue(client.ask(member(), "ASK { ?s <http://example.org/size> 3 }", new QueryTrace(false)));
        assertFalse(client.ask(member(), "ASK { ?s <http://example.org/size> 4 }", new QueryTrace(false)));
        assertEquals(2, answeredAs.size(), answeredAs.toString());
        assertTrue(answeredAs.stream().allMatch(t -> t.startsWith("application/sparql-results+json")), answeredAs.toString());
    }
}
