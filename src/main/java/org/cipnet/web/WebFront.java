package org.cipnet.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.cipnet.federation.members.Member;

import io.javalin.Javalin;
import io.javalin.http.Context;

/** The Javalin application: routes to pages; pages read from the federated endpoint. */
public final class WebFront implements AutoCloseable {
    private final Javalin app;

    private WebFront(Javalin app) {
        this.app = app;
    }

    /** One catalogue query: its file name, title, question and text. */
    record Catalogue(String id, String title, String question, String text) {}

    public static WebFront start(String federatedEndpoint, List<Member> members, Path queries, int port) {
        Sparql sparql = new Sparql(federatedEndpoint);
        Directory directory = new Directory(sparql);
        Pages pages = new Pages(sparql, directory, members, catalogue(queries));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Javalin app = Javalin.create(config -> {
            config.staticFiles.enableWebjars();
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> ctx.html(pages.search(ctx, langs(ctx))));
            config.routes.get("/cluster", ctx -> ctx.html(pages.profile(ctx, langs(ctx))));
            config.routes.get("/compare", ctx -> ctx.html(pages.compare(ctx, langs(ctx))));
            config.routes.get("/partners", ctx -> ctx.html(pages.partners(ctx, langs(ctx))));
            config.routes.get("/sparql", ctx -> ctx.html(pages.editor()));
            config.routes.get("/network", ctx -> ctx.html(pages.network()));
            config.routes.get("/favicon.ico", ctx -> ctx.status(204));
            config.routes.get("/rdf", ctx -> proxy(ctx, http, federatedEndpoint, "text/turtle"));
            config.routes.get("/query", ctx -> proxy(ctx, http, federatedEndpoint, null));
            config.routes.post("/query", ctx -> proxy(ctx, http, federatedEndpoint, null));
            config.routes.exception(NotFound.class, (e, ctx) -> ctx.status(404).html(Html.page("Not found", "<h1>Not found</h1><p>" + Html.esc(e.getMessage()) + "</p>", null, null)));
        });
        app.start("127.0.0.1", port);
        return new WebFront(app);
    }

    public int port() { return app.port(); }

    public String url() { return "http://localhost:" + port() + "/"; }

    /** Passes a query to the federator: the SPARQL editor's endpoint and every page's "as RDF" link. */
    private static void proxy(Context ctx, HttpClient http, String endpoint, String accept) throws IOException, InterruptedException {
        String body = ctx.method().name().equals("POST") ? ctx.body() : ctx.queryString() == null ? "" : ctx.queryString();
        String contentType = ctx.method().name().equals("POST") && ctx.contentType() != null ? ctx.contentType() : "application/x-www-form-urlencoded";
        var req = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", contentType)
                .header("Accept", accept != null ? accept : ctx.header("Accept") == null ? "application/sparql-results+json" : ctx.header("Accept"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        ctx.status(res.statusCode());
        res.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        res.headers().firstValue("X-Cipnet-Missing-Members").ifPresent(v -> ctx.header("X-Cipnet-Missing-Members", v));
        ctx.result(res.body());
    }

    static List<String> langs(Context ctx) {
        List<String> out = new ArrayList<>();
        String h = ctx.header("Accept-Language");
        if (h != null)
            for (String part : h.split(",")) {
                String tag = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
                if (tag.isEmpty() || tag.equals("*")) continue;
                out.add(tag);
                if (tag.contains("-")) out.add(tag.substring(0, tag.indexOf('-')));
                if (tag.equals("no")) out.add("nb");
            }
        if (!out.contains("en")) out.add("en");
        return out;
    }

    static List<Catalogue> catalogue(Path dir) {
        List<Catalogue> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".rq")).sorted().toList()) {
                String text = Files.readString(p);
                String title = header(text, "title"), question = header(text, "question");
                String id = p.getFileName().toString().replace(".rq", "");
                out.add(new Catalogue(id, title.isEmpty() ? id : title, question, text));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    static String header(String text, String key) {
        for (String line : text.lines().toList()) {
            String l = line.strip();
            if (!l.startsWith("#")) continue;
            l = l.substring(1).strip();
            if (l.toLowerCase(Locale.ROOT).startsWith(key + ":")) return l.substring(key.length() + 1).strip();
        }
        return "";
    }

    @Override
    public void close() {
        app.stop();
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) { super(message); }
    }
}
