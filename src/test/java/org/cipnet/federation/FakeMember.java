package org.cipnet.federation;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.cipnet.federation.members.Member;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A misbehaving member for fault tests: a small loopback HTTP server whose handler decides, per
 * request, what to answer. Helpers answer the SPARQL protocol the way a healthy empty member would.
 */
final class FakeMember implements AutoCloseable {
    interface Handler {
        void handle(HttpExchange ex, String query) throws IOException;
    }

    final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-member");
        t.setDaemon(true);
        return t;
    });

    FakeMember(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                handler.handle(ex, query(ex));
            } catch (IOException e) {
                // the federator hung up: fine for a fake
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    String sparql() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/x/sparql";
    }

    /** This fake as a member without VoID, owning {@code BASE + id + "/"}. */
    Member member(String id, Duration timeout) {
        return new Member(id, sparql(), TestFederation.BASE + id + "/", null, timeout, 2);
    }

    /** The query text of a SPARQL protocol request (GET or POST form), or "" when it is not one. */
    private static String query(HttpExchange ex) throws IOException {
        String form = ex.getRequestURI().getRawQuery();
        if ("POST".equals(ex.getRequestMethod())) {
            try (InputStream in = ex.getRequestBody()) {
                form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (form == null) return "";
        for (String kv : form.split("&"))
            if (kv.startsWith("query=")) return URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8);
        return "";
    }

    private static final java.net.http.HttpClient FORWARD = java.net.http.HttpClient.newHttpClient();

    /** Passes the query on to a real endpoint and its answer back: the fake then misbehaves only when its handler says so. */
    static void forward(HttpExchange ex, String query, String endpoint) throws IOException {
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/sparql-results+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("query=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .build();
        try {
            var res = FORWARD.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            send(ex, res.statusCode(), res.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** What an empty member answers: no rows, or false. */
    static void empty(HttpExchange ex, String query) throws IOException {
        String body = query.strip().startsWith("ASK") ? "{\"head\":{},\"boolean\":false}" : "{\"head\":{\"vars\":[]},\"results\":{\"bindings\":[]}}";
        send(ex, 200, body);
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) ex.getResponseBody().write(b);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
