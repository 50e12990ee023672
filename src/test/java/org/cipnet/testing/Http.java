package org.cipnet.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Small HTTP helpers for tests against real servers on loopback. */
public final class Http {
    private Http() {}

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    public static HttpResponse<String> get(String url, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(60));
        if (headers.length > 0) b.headers(headers);
        return send(b);
    }

    public static HttpResponse<String> post(String url, String contentType, String body, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(120));
        if (contentType != null) b.header("Content-Type", contentType);
        if (headers.length > 0) b.headers(headers);
        return send(b);
    }

    /** POST raw bytes (a compressed body, say); the headers name the content type and encoding. */
    public static HttpResponse<String> postBytes(String url, byte[] body, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(120));
        if (headers.length > 0) b.headers(headers);
        return send(b);
    }

    /** Any method, no body (OPTIONS for a CORS preflight, say). */
    public static HttpResponse<String> method(String method, String url, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) b.headers(headers);
        return send(b);
    }

    public static byte[] gzip(byte[] data) {
        var out = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static HttpResponse<String> query(String endpoint, String query, String accept) {
        return get(endpoint + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "Accept", accept);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
