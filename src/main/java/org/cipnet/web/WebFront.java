package org.cipnet.web;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.cipnet.federation.members.Member;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

/**
 * The Javalin application: routes to pages; pages read from the federated endpoint and are
 * rendered by precompiled JTE templates (src/main/jte), which escape every value by default.
 */
public final class WebFront implements AutoCloseable {
    /** Seconds between checks of the members' VoID for a new publication (the search index is rebuilt when one changed). */
    public static final int DEFAULT_REFRESH_SECONDS = 15;
    /** No inline script anywhere: scripts come from this server only. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Javalin app;
    /** The Yellow Pages' data (tests read its count of unchanged VoID checks). */
    final Directory directory;
    /** The search's rendered pages (tests read its count of renders). */
    final Rendered searchPages;

    private WebFront(Javalin app, Directory directory, Rendered searchPages) {
        this.app = app;
        this.directory = directory;
        this.searchPages = searchPages;
    }

    /** One catalogue query: its file name, title, question and text. */
    record Catalogue(String id, String title, String question, String text) {}

    public static WebFront start(String federatedEndpoint, List<Member> members, Path queries, int port) {
        return start(federatedEndpoint, members, queries, port, DEFAULT_REFRESH_SECONDS);
    }

    public static WebFront start(String federatedEndpoint, List<Member> members, Path queries, int port, int refreshSeconds) {
        Sparql sparql = new Sparql(federatedEndpoint);
        Directory directory = new Directory(sparql, members, refreshSeconds);
        Pages pages = new Pages(sparql, directory, members, catalogue(queries));
        TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Rendered searchPages = new Rendered(directory::snapshot, ctx -> Pages.asked(ctx.queryParamMap()).queryString());
        Javalin app = Javalin.create(config -> {
            config.staticFiles.enableWebjars();
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/static";
                sf.directory = "/org/cipnet/web/static";
                sf.location = Location.CLASSPATH;
            });
            config.startup.showJavalinBanner = false;
            config.routes.before(ctx -> {
                ctx.header("Content-Security-Policy", CSP);
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "same-origin");
                // Pages follow the visitor's languages and the RDF links the Accept header: a shared cache must key on them.
                ctx.header("Vary", "Accept, Accept-Language, Cookie");
            });
            page(config, templates, "/", "search.jte", (ctx, ui) -> pages.searchRdf(ctx), (ctx, ui) -> new Object[] {"s", pages.search(ctx, ui)},
                    searchPages);
            page(config, templates, "/cluster", "profile.jte", pages::profileGraph, (ctx, ui) -> new Object[] {"p", pages.profile(ctx, ui)});
            page(config, templates, "/compare", "compare.jte", (ctx, ui) -> pages.compareRdf(ctx), (ctx, ui) -> new Object[] {"c", pages.compare(ctx, ui)});
            page(config, templates, "/partners", "partners.jte", pages::partnersRdf, (ctx, ui) -> new Object[] {"p", pages.partners(ctx, ui)});
            config.routes.get("/suggest", ctx -> ctx.json(pages.suggest(ctx, Ui.of(ctx))));
            page(config, templates, "/sparql", "sparql.jte", (ctx, ui) -> pages.datasetsRdf(),
                    (ctx, ui) -> new Object[] {"endpoint", sparql.endpoint(), "examples", pages.examples(), "examplesJson", pages.examplesJson()});
            page(config, templates, "/network", "network.jte", (ctx, ui) -> pages.datasetsRdf(),
                    (ctx, ui) -> new Object[] {"members", pages.network(ui), "datasetsJsonLd", datasetsJsonLd(http, federatedEndpoint),
                            "reconcileUrl", org.cipnet.reconcile.Reconciliation.serviceUrl(ctx)});
            config.routes.get("/favicon.ico", ctx -> ctx.status(204));
            config.routes.get("/map.svg", ctx -> ctx.contentType("image/svg+xml").header("Cache-Control", "public, max-age=86400").result(WorldMap.OUTLINES_SVG));
            config.routes.get("/query", ctx -> proxy(ctx, http, federatedEndpoint));
            config.routes.post("/query", ctx -> proxy(ctx, http, federatedEndpoint));
            org.cipnet.reconcile.Reconciliation.register(config, federatedEndpoint);
            config.routes.exception(Elsewhere.class, (e, ctx) -> ctx.redirect(e.url));
            config.routes.exception(NotFound.class, (e, ctx) -> {
                ctx.status(404);
                ctx.html(render(ctx, templates, "notfound.jte", Ui.of(ctx), null, "message", e.getMessage()));
            });
        });
        app.start("127.0.0.1", port);
        return new WebFront(app, directory, searchPages);
    }

    /**
     * A page at {@code path}: its graph as Turtle for a client asking for RDF, else {@code template}
     * rendered with the parameters {@code html} gives (name, value, ...). Every page negotiates the same way.
     */
    private static void page(JavalinConfig config, TemplateEngine templates, String path, String template,
                             BiFunction<Context, Ui, Graph> rdf, BiFunction<Context, Ui, Object[]> html) {
        page(config, templates, path, template, rdf, html, null);
    }

    /** As above; with {@code cache}, the HTML is kept per snapshot and request (see {@link Rendered}). */
    private static void page(JavalinConfig config, TemplateEngine templates, String path, String template,
                             BiFunction<Context, Ui, Graph> rdf, BiFunction<Context, Ui, Object[]> html, Rendered cache) {
        config.routes.get(path, ctx -> {
            Ui ui = Ui.of(ctx);
            if (Pages.wantsTurtle(ctx)) {
                turtle(ctx, rdf.apply(ctx, ui));
                return;
            }
            if (cache == null) {
                ctx.html(render(ctx, templates, template, ui, ctx.queryString(), html.apply(ctx, ui)));
                return;
            }
            // The page is rendered from the request's normal form, so it may serve every request of that form.
            String qs = cache.queryString.apply(ctx);
            ctx.html(cache.page(List.of(ui.lang(), ui.labelLangs(), qs), () -> render(ctx, templates, template, ui, qs, html.apply(ctx, ui))));
        });
    }

    /**
     * Rendered pages of one snapshot, for a page that is a function of the snapshot and the request
     * only (the search: the same words, filters and languages give the same page until the next
     * publication). Keyed by the visitor's interface and label languages and the request's normal
     * form ({@code queryString}: the search's words and filters, whatever their order or spacing);
     * emptied when the snapshot changes; the most recently used {@link #SIZE} kept.
     */
    static final class Rendered {
        static final int SIZE = 128;
        private final java.util.function.Supplier<Object> snapshot;
        final java.util.function.Function<Context, String> queryString;
        private Object of;
        private int renders;
        private final Map<List<Object>, String> pages = new LinkedHashMap<>(SIZE, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Object>, String> eldest) {
                return size() > SIZE;
            }
        };

        Rendered(java.util.function.Supplier<?> snapshot, java.util.function.Function<Context, String> queryString) {
            this.snapshot = snapshot::get;
            this.queryString = queryString;
        }

        /** The page for {@code key} of the current snapshot, rendered (outside the lock) if none is kept. */
        String page(List<Object> key, java.util.function.Supplier<String> render) {
            Object snap = snapshot.get();
            String page = get(snap, key);
            if (page != null) return page;
            page = render.get();
            put(snap, key, page);
            return page;
        }

        private synchronized String get(Object snap, List<Object> key) {
            if (snap != of) {
                pages.clear();
                of = snap;
            }
            return pages.get(key);
        }

        /** Kept only while {@code snap} is the snapshot the pages are of (a page rendered across a swap is not kept for the old one). */
        private synchronized void put(Object snap, List<Object> key, String page) {
            renders++;
            if (snap == of) pages.put(key, page);
        }

        /** Pages rendered so far (tests: a request the cache should answer renders none). */
        synchronized int renders() {
            return renders;
        }
    }

    /** Template {@code name} rendered with the visitor's {@link Ui}, the page's RDF link, and the given parameters. */
    private static String render(Context ctx, TemplateEngine templates, String name, Ui ui, String queryString, Object... params) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ui", ui);
        p.put("rdf", name.equals("notfound.jte") ? null : Pages.rdfHref(ctx.path(), queryString));
        if (!name.equals("notfound.jte")) p.put("queryString", queryString);
        for (int i = 0; i < params.length; i += 2) p.put((String) params[i], params[i + 1]);
        // Room for a typical page from the start: from the default 16 characters, growing by copying was 6 % of a search's time.
        StringOutput out = new StringOutput(16 * 1024);
        templates.render(name, p, out);
        return out.toString();
    }

    private static void turtle(Context ctx, Graph g) {
        StringWriter w = new StringWriter();
        RDFDataMgr.write(w, g, Lang.TURTLE);
        ctx.contentType("text/turtle; charset=utf-8").result(w.toString());
    }

    public int port() { return app.port(); }

    public String url() { return "http://localhost:" + port() + "/"; }

    /**
     * The network's datasets as schema.org JSON-LD for the network page (what search engines read),
     * from the federator's DCAT-AP catalogue beside its endpoint; null when the federator has none.
     */
    private static String datasetsJsonLd(HttpClient http, String endpoint) {
        if (!endpoint.endsWith("/sparql")) return null;
        try {
            var req = HttpRequest.newBuilder(URI.create(endpoint.substring(0, endpoint.length() - "sparql".length()) + "catalog"))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "text/turtle").GET().build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) return null;
            return org.cipnet.opendata.SchemaOrg.jsonLd(org.apache.jena.riot.RDFParser.fromString(res.body(), Lang.TURTLE).toGraph());
        } catch (IOException | org.apache.jena.riot.RiotException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Passes a query to the federator: the SPARQL editor's endpoint. */
    private static void proxy(Context ctx, HttpClient http, String endpoint) throws IOException, InterruptedException {
        String body = ctx.method().name().equals("POST") ? ctx.body() : ctx.queryString() == null ? "" : ctx.queryString();
        String contentType = ctx.method().name().equals("POST") && ctx.contentType() != null ? ctx.contentType() : "application/x-www-form-urlencoded";
        var req = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", contentType)
                .header("Accept", ctx.header("Accept") == null ? "application/sparql-results+json" : ctx.header("Accept"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        ctx.status(res.statusCode());
        res.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        res.headers().firstValue("X-Cipnet-Missing-Members").ifPresent(v -> ctx.header("X-Cipnet-Missing-Members", v));
        ctx.result(res.body());
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
        directory.close();
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) { super(message); }
    }

    /** The page asked for is another server's (a node's Linked Data page): a redirect there. */
    static final class Elsewhere extends RuntimeException {
        final String url;

        Elsewhere(String url) {
            super(url);
            this.url = url;
        }
    }
}
