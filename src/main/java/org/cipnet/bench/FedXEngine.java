package org.cipnet.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.eclipse.rdf4j.federated.FedXConfig;
import org.eclipse.rdf4j.federated.FedXFactory;
import org.eclipse.rdf4j.federated.endpoint.Endpoint;
import org.eclipse.rdf4j.federated.endpoint.EndpointFactory;
import org.eclipse.rdf4j.federated.repository.FedXRepository;
import org.eclipse.rdf4j.query.BooleanQuery;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.query.TupleQuery;
import org.eclipse.rdf4j.query.resultio.sparqljson.SPARQLBooleanJSONWriter;
import org.eclipse.rdf4j.query.resultio.sparqljson.SPARQLResultsJSONWriter;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.sail.memory.MemoryStore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * FedX (RDF4J 5.1.2) over the members' SPARQL endpoints, with its own source selection (ASK probes,
 * cached) and bound joins, served as a SPARQL endpoint on loopback — as RDF4J Server serves a FedX
 * repository — so that it is measured the way cipnet and the central store are: one HTTP request,
 * answered in SPARQL JSON. The reference graph, which the cipnet federator holds locally, is given
 * to FedX the same way: as a local in-memory member.
 */
final class FedXEngine implements Engine {
    private final List<String> memberEndpoints;
    private final String referenceNTriples;
    private final int timeoutSeconds;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-fedx-endpoint");
        t.setDaemon(true);
        return t;
    });
    private final HttpEngine client;
    private volatile FedXRepository repository;
    private volatile SailRepository reference;

    FedXEngine(List<String> memberEndpoints, Graph referenceGraph, int timeoutSeconds) throws Exception {
        this.memberEndpoints = List.copyOf(memberEndpoints);
        this.timeoutSeconds = timeoutSeconds;
        var out = new java.io.StringWriter();
        RDFDataMgr.write(out, referenceGraph, Lang.NTRIPLES);
        referenceNTriples = out.toString();
        start();
        // The JDK server otherwise leaves Nagle's algorithm on, which delays small answers on loopback.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/fedx/sparql", this::handle);
        server.setExecutor(handlers);
        server.start();
        // FedX enforces its own time limit; the client waits a little longer so that FedX's own message is what the report shows.
        client = new HttpEngine("fedx", "http://127.0.0.1:" + server.getAddress().getPort() + "/fedx/sparql", (timeoutSeconds + 5) * 1000L);
    }

    private void start() throws Exception {
        reference = new SailRepository(new MemoryStore());
        reference.init();
        try (var c = reference.getConnection()) {
            c.add(new StringReader(referenceNTriples), "", RDFFormat.NTRIPLES);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < memberEndpoints.size(); i++)
            endpoints.add(EndpointFactory.loadSPARQLEndpoint("member" + i, memberEndpoints.get(i)));
        endpoints.add(EndpointFactory.loadEndpoint("reference", reference));
        repository = FedXFactory.newFederation().withMembers(endpoints)
                .withConfig(new FedXConfig().withEnforceMaxQueryTime(timeoutSeconds)).create();
        repository.init();
    }

    @Override
    public String name() { return "fedx"; }

    @Override
    public Answer answer(String query) throws Exception {
        try {
            return client.answer(query);
        } catch (RuntimeException e) {
            if (isTimeout(e)) {
                restart();
                throw new java.util.concurrent.TimeoutException("FedX gave no answer within " + (timeoutSeconds + 5) + " s");
            }
            if (e instanceof org.apache.jena.sparql.engine.http.QueryExceptionHTTP h && h.getResponse() != null && !h.getResponse().isBlank())
                throw new IllegalStateException(h.getResponse().strip().lines().findFirst().orElse(""), e);
            throw e;
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) return true;
        return false;
    }

    /** SPARQL protocol, SELECT and ASK, answered in SPARQL JSON; an evaluation error is a 500 with FedX's message. */
    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String query = queryParameter(x);
            if (query == null) {
                reply(x, 400, "no query parameter");
                return;
            }
            // Buffered, so that an error in the middle of evaluation (FedX's own timeout) is a 500 with its message, not a cut-off 200.
            var buffer = new java.io.ByteArrayOutputStream();
            try (var c = repository.getConnection()) {
                var parsed = c.prepareQuery(QueryLanguage.SPARQL, query);
                if (parsed instanceof BooleanQuery ask) new SPARQLBooleanJSONWriter(buffer).handleBoolean(ask.evaluate());
                else ((TupleQuery) parsed).evaluate(new SPARQLResultsJSONWriter(buffer));
            } catch (RuntimeException e) {
                reply(x, 500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
                return;
            }
            x.getResponseHeaders().set("Content-Type", "application/sparql-results+json");
            x.sendResponseHeaders(200, buffer.size());
            try (OutputStream out = x.getResponseBody()) {
                buffer.writeTo(out);
            }
        }
    }

    private static String queryParameter(HttpExchange x) throws IOException {
        String form = "POST".equals(x.getRequestMethod()) ? new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                : x.getRequestURI().getRawQuery();
        if (form == null) return null;
        for (String pair : form.split("&"))
            if (pair.startsWith("query=")) return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        return null;
    }

    private static void reply(HttpExchange x, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
    }

    /**
     * A FedX query that ignores its own time limit keeps its workers pulling from the members after
     * the bench has given up on it, which would be billed to the next queries of every system: the
     * federation is shut down (closing its HTTP connections) and started afresh.
     */
    private void restart() throws Exception {
        FedXRepository stuck = repository;
        SailRepository stuckReference = reference;
        Thread stop = new Thread(() -> {
            stuck.shutDown();
            stuckReference.shutDown();
        }, "bench-fedx-shutdown");
        stop.setDaemon(true);
        stop.start();
        stop.join(30_000);
        start();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        repository.shutDown();
        reference.shutDown();
    }
}
