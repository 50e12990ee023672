package org.cipnet.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.cipnet.linking.Candidate;
import org.cipnet.linking.Countries;
import org.cipnet.linking.LinkQuery;
import org.cipnet.linking.LiveMatcher;
import org.cipnet.linking.Matcher;
import org.cipnet.linking.Scored;
import org.cipnet.text.Normaliser;
import org.cipnet.vocab.CIP;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * The W3C Entity Reconciliation API 0.2 at {@code /reconcile}:
 * <pre>
 * GET|POST /reconcile                      manifest; with queries= a reconciliation batch; with extend= data extension
 * GET      /reconcile/preview?id=IRI        an HTML card (with query=… also the per-signal features for that query)
 * GET      /reconcile/suggest/{entity,property,type}?prefix=…[&amp;cursor=n]
 * GET      /reconcile/properties?type=…[&amp;limit=n]   data extension property proposals
 * </pre>
 * Every response carries {@code Access-Control-Allow-Origin: *} (no credentials); OPTIONS
 * pre-flights are answered. Errors are JSON {@code {status, error, …where}}.
 */
public final class Reconciliation {
    /** Most queries in one batch (OpenRefine sends 10). */
    public static final int BATCH_SIZE = 50;
    /** Most ids in one data extension request. */
    static final int EXTEND_LIMIT = 500;
    /** The preview card: no script, its own inline style, framable by any page (OpenRefine's). */
    static final String PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors *";

    private final ObjectMapper json = new ObjectMapper();
    private final String endpoint;
    private final Supplier<Matcher> matcher;

    private Reconciliation(String endpoint, Supplier<Matcher> matcher) {
        this.endpoint = endpoint;
        this.matcher = matcher;
    }

    /** Adds the service's routes to a web front reading from {@code federatedEndpoint}. */
    public static void register(JavalinConfig config, String federatedEndpoint) {
        Reconciliation r = new Reconciliation(federatedEndpoint, new LiveMatcher(federatedEndpoint, LiveMatcher.DEFAULT_REFRESH));
        var routes = config.routes;
        routes.before("/reconcile", Reconciliation::cors);
        routes.before("/reconcile/*", Reconciliation::cors);
        routes.options("/reconcile", ctx -> ctx.status(204));
        routes.options("/reconcile/*", ctx -> ctx.status(204));
        routes.get("/reconcile", ctx -> r.guard(ctx, r::service));
        routes.post("/reconcile", ctx -> r.guard(ctx, r::service));
        routes.get("/reconcile/preview", ctx -> r.guard(ctx, r::preview));
        routes.get("/reconcile/suggest/entity", ctx -> r.guard(ctx, r::suggestEntity));
        routes.get("/reconcile/suggest/property", ctx -> r.guard(ctx, c -> r.suggest(c, Schema.QUERY_PROPERTIES)));
        routes.get("/reconcile/suggest/type", ctx -> r.guard(ctx, c -> r.suggest(c, Schema.TYPES)));
        routes.get("/reconcile/properties", ctx -> r.guard(ctx, r::propose));
    }

    private static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Content-Type, Accept");
        ctx.header("Access-Control-Max-Age", "86400");
    }

    private interface Handler {
        void handle(Context ctx) throws Exception;
    }

    /** Runs a handler; a bad request becomes its JSON error, a failing federation a 502 naming it. */
    private void guard(Context ctx, Handler h) throws Exception {
        try {
            h.handle(ctx);
        } catch (BadRequest e) {
            ctx.status(e.status).json(e.body());
        } catch (RuntimeException e) {
            if (e.getClass().getName().startsWith("org.apache.jena")) {
                ctx.status(502).json(Map.of("status", 502, "error", "the federated endpoint did not answer: " + e.getMessage(), "endpoint", endpoint));
            } else throw e;
        }
    }

    private void service(Context ctx) throws JsonProcessingException {
        String queries = param(ctx, "queries"), extend = param(ctx, "extend");
        if (queries != null) ctx.json(reconcile(queries, WebLangs.of(ctx)));
        else if (extend != null) ctx.json(extend(extend));
        else ctx.json(manifest(base(ctx)));
    }

    /** A form field of a POST, else a query-string parameter. */
    private static String param(Context ctx, String name) {
        String v = null;
        if (ctx.method().name().equals("POST")) {
            String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
            if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) v = ctx.formParam(name);
        }
        return v != null ? v : ctx.queryParam(name);
    }

    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    /** The address to give OpenRefine ("Add standard service"): absolute, as the client sees this server. */
    public static String serviceUrl(Context ctx) {
        return base(ctx) + "/reconcile";
    }

    Map<String, Object> manifest(String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("versions", List.of("0.2"));
        m.put("name", "cipnet: Nordic–Baltic cluster organisations, programmes and Observatory categories");
        m.put("identifierSpace", CIP.BASE);
        m.put("schemaSpace", CIP.NS);
        m.put("serviceVersion", Matcher.VERSION);
        m.put("defaultTypes", Schema.TYPES.stream().map(t -> Map.of("id", t.id(), "name", t.name())).toList());
        m.put("view", Map.of("url", base + "/cluster?id={{id}}"));
        m.put("preview", Map.of("url", base + "/reconcile/preview?id={{id}}", "width", 420, "height", 240));
        Map<String, Object> suggest = new LinkedHashMap<>();
        for (String kind : List.of("entity", "property", "type"))
            suggest.put(kind, Map.of("service_url", base, "service_path", "/reconcile/suggest/" + kind));
        m.put("suggest", suggest);
        m.put("extend", Map.of("propose_properties", Map.of("service_url", base, "service_path", "/reconcile/properties"), "property_settings", List.of()));
        m.put("batchSize", BATCH_SIZE);
        return m;
    }

    Map<String, Object> reconcile(String queries, List<String> langs) {
        Map<String, Queries.Parsed> batch = Queries.parse(json, queries, BATCH_SIZE);
        Matcher m = matcher.get();
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : batch.entrySet()) {
            List<Map<String, Object>> result = new ArrayList<>();
            for (Scored s : m.match(e.getValue().query(), e.getValue().limit())) result.add(candidate(s, langs));
            out.put(e.getKey(), Map.of("result", result));
        }
        return out;
    }

    private static Map<String, Object> candidate(Scored s, List<String> langs) {
        Candidate c = s.candidate();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", c.iri());
        r.put("name", c.label(langs));
        String description = description(c);
        if (!description.isEmpty()) r.put("description", description);
        r.put("score", s.score());
        List<Map<String, Object>> features = new ArrayList<>();
        s.features().forEach((id, v) -> features.add(Map.of("id", id, "value", v)));
        r.put("features", features);
        r.put("match", s.match());
        r.put("type", types(c));
        return r;
    }

    private static List<Map<String, String>> types(Candidate c) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Schema.Entry t : Schema.TYPES) if (c.types().contains(t.id())) out.add(Map.of("id", t.id(), "name", t.name()));
        return out;
    }

    private static String description(Candidate c) {
        List<String> parts = new ArrayList<>();
        if (c.city() != null) parts.add(c.city());
        if (c.country() != null) parts.add(Countries.name(c.country()));
        return String.join(", ", parts);
    }

    Map<String, Object> extend(String text) throws JsonProcessingException {
        JsonNode q;
        try {
            q = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw BadRequest.json("extend", e);
        }
        if (q == null || !q.isObject() || !q.path("ids").isArray() || !q.path("properties").isArray())
            throw new BadRequest(400, "'extend' must be {\"ids\": [...], \"properties\": [{\"id\": ...}]}").at("parameter", "extend");
        if (q.get("ids").size() > EXTEND_LIMIT)
            throw new BadRequest(413, "at most " + EXTEND_LIMIT + " ids per request; this one has " + q.get("ids").size()).at("parameter", "extend");
        List<String> ids = new ArrayList<>(), props = new ArrayList<>();
        for (JsonNode id : q.get("ids")) {
            if (!id.isTextual() || !id.asText().startsWith(CIP.BASE))
                throw new BadRequest(400, "ids must be IRIs in " + CIP.BASE + ": " + id).at("parameter", "extend").at("field", "ids");
            ids.add(id.asText());
        }
        List<Map<String, Object>> meta = new ArrayList<>();
        for (int i = 0; i < q.get("properties").size(); i++) {
            String pid = q.get("properties").get(i).path("id").asText();
            Schema.Entry e = Schema.find(Schema.EXTEND_PROPERTIES, pid);
            if (e == null) throw new BadRequest(400, "unknown property '" + pid + "' (see /reconcile/properties)").at("parameter", "extend").at("field", "properties[" + i + "].id");
            props.add(pid);
            meta.add(Map.of("id", pid, "name", e.name()));
        }
        return Map.of("meta", meta, "rows", Extension.rows(endpoint, ids, props));
    }

    private void suggestEntity(Context ctx) {
        String prefix = required(ctx, "prefix");
        int cursor = cursor(ctx);
        Normaliser n = Normaliser.standard();
        String p = n.fold(prefix);
        List<String> langs = WebLangs.of(ctx);
        List<Map<String, Object>> hits = new ArrayList<>(), later = new ArrayList<>();
        for (Candidate c : matcher.get().candidates()) {
            int rank = c.iri().equals(prefix.strip()) ? 0 : -1;
            for (String name : c.names()) {
                String f = n.fold(name);
                if (f.startsWith(p)) rank = rank < 0 ? 1 : Math.min(rank, 1);
                else if (rank < 0 && (" " + f).contains(" " + p)) rank = 2;
            }
            if (rank < 0) continue;
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", c.iri());
            item.put("name", c.label(langs));
            String d = description(c);
            if (!d.isEmpty()) item.put("description", d);
            item.put("notable", types(c));
            (rank <= 1 ? hits : later).add(item);
        }
        hits.addAll(later);
        ctx.json(Map.of("result", page(hits, cursor)));
    }

    private void suggest(Context ctx, List<Schema.Entry> list) {
        String p = Normaliser.standard().fold(required(ctx, "prefix"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Schema.Entry e : list)
            if (Normaliser.standard().fold(e.name()).contains(p) || e.id().equals(ctx.queryParam("prefix"))) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", e.id());
                item.put("name", e.name());
                if (e.description() != null) item.put("description", e.description());
                out.add(item);
            }
        ctx.json(Map.of("result", page(out, cursor(ctx))));
    }

    private void propose(Context ctx) {
        String type = required(ctx, "type");
        int limit = ctx.queryParam("limit") == null ? Schema.EXTEND_PROPERTIES.size() : positive(ctx, "limit");
        List<Map<String, Object>> props = new ArrayList<>();
        // Only organisations have these facts; other types get none rather than columns that stay empty.
        if (type.equals(CIP.ClusterOrganisation))
            for (Schema.Entry e : Schema.EXTEND_PROPERTIES.subList(0, Math.min(limit, Schema.EXTEND_PROPERTIES.size()))) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", e.id());
                item.put("name", e.name());
                if (e.description() != null) item.put("description", e.description());
                props.add(item);
            }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        out.put("properties", props);
        if (ctx.queryParam("limit") != null) out.put("limit", limit);
        ctx.json(out);
    }

    private void preview(Context ctx) {
        String id = required(ctx, "id");
        Matcher m = matcher.get();
        Candidate c = m.get(id).orElseThrow(() -> new BadRequest(404, "no entity " + id).at("parameter", "id"));
        String q = ctx.queryParam("query");
        Scored s = q == null ? null : m.explain(LinkQuery.of(q).withCountry(ctx.queryParam("country")).withCity(ctx.queryParam("city")), id).orElse(null);
        // OpenRefine shows the card in an iframe of its own page: the web front's frame-ancestors 'none' would blank it.
        ctx.header("Content-Security-Policy", PREVIEW_CSP);
        ctx.contentType("text/html; charset=utf-8").result(Preview.card(c, m, s, WebLangs.of(ctx)));
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) throw new BadRequest(400, "missing parameter '" + name + "'").at("parameter", name);
        return v;
    }

    private static int cursor(Context ctx) {
        return ctx.queryParam("cursor") == null ? 0 : Math.max(0, positiveOrZero(ctx, "cursor"));
    }

    private static int positive(Context ctx, String name) {
        int v = positiveOrZero(ctx, name);
        if (v < 1) throw new BadRequest(400, "'" + name + "' must be a positive integer").at("parameter", name);
        return v;
    }

    private static int positiveOrZero(Context ctx, String name) {
        try {
            int v = Integer.parseInt(ctx.queryParam(name).strip());
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "'" + name + "' must be a non-negative integer, not '" + ctx.queryParam(name) + "'").at("parameter", name);
        }
    }

    private static <T> List<T> page(List<T> all, int cursor) {
        int from = Math.min(cursor, all.size());
        return all.subList(from, Math.min(all.size(), from + 10));
    }
}
