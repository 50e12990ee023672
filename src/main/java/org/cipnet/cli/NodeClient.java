package org.cipnet.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The HTTP calls the command line makes to a node's publish, versions and rollback operations. */
final class NodeClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String node;
    private final String authorization;

    /**
     * @param node the node's dataset URL, e.g. {@code http://localhost:3030/no}
     * @param user user name, or null for anonymous calls
     * @param password the password (from CIPNET_PASSWORD or standard input)
     */
    NodeClient(String node, String user, String password) {
        this.node = node.endsWith("/") ? node.substring(0, node.length() - 1) : node;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String op) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(node + "/" + op)).GET());
    }

    HttpResponse<String> post(String op, String contentType, byte[] body) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(node + "/" + op)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        b.header("Accept", "text/plain").timeout(Duration.ofMinutes(10));
        if (authorization != null) b.header("Authorization", authorization);
        HttpRequest request = b.build();
        return send(request);
    }

    /** Sends a request; a server that cannot be reached is an IOException that names it (the JDK's often says nothing). */
    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new java.net.ConnectException("cannot reach " + request.uri() + ": connection refused (is the server running on that port?)");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException("no answer from " + request.uri() + " in time (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + request.uri() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * Prints the node's answer: on {@code out} when it is {@code 200} (or {@code expected}, a report
     * the node wrote for a person), else as one line on {@code err} naming the command, the address
     * and the status, with the first line of what the node said (a Jetty error page says little more).
     * Both are flushed: a subcommand's writers are not the root's, which Main flushes.
     */
    static void print(HttpResponse<String> res, String command, int expected, java.io.PrintWriter out, java.io.PrintWriter err) {
        if (res.statusCode() == 200) out.print(res.body());
        else if (res.statusCode() == expected) err.print(res.body());
        else {
            String said = res.body().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
            err.println("cipnet " + command + ": " + res.uri() + " answered " + res.statusCode() + (said.isEmpty() ? "" : ": " + said));
        }
        out.flush();
        err.flush();
    }

    /** The password: CIPNET_PASSWORD, else the first line of standard input. */
    static String password() throws IOException {
        String env = System.getenv("CIPNET_PASSWORD");
        if (env != null) return env;
        var console = System.console();
        if (console != null) {
            char[] p = console.readPassword("password: ");
            return p == null ? "" : new String(p);
        }
        var line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }
}
