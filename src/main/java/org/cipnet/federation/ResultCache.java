package org.cipnet.federation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.cipnet.federation.members.Member;
import org.cipnet.http.ForwardingResponse;
import org.cipnet.sparql.ResultCap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers tied to publications. A GET query's answer depends only on the query, the response
 * format and the members' current versions, so its {@code ETag} is a hash of those:
 * {@code If-None-Match} with it is answered 304, and a repeated query is answered from memory
 * until a member publishes a new version. Each member's version is asked for (its node's
 * {@code /CC/versions}) at most once per {@code versionCheck}; a query is not cached, and has no
 * ETag, when some member's version is unknown (a plain SPARQL store, or a member that does not
 * answer) or when it asks for the time, random numbers or fresh identifiers.
 *
 * @param maxBytes     the most bytes of answers kept (least recently used go first); 0 turns caching off
 * @param maxEntry     the largest answer kept
 * @param versionCheck how long a member's version is trusted before it is asked again
 */
public record ResultCache(long maxBytes, long maxEntry, Duration versionCheck) {
    /** On by default: 64 MB of answers up to 1 MB each; members' versions checked at most once a second. */
    public static final ResultCache DEFAULT = new ResultCache(64L << 20, 1L << 20, Duration.ofSeconds(1));
    public static final ResultCache OFF = new ResultCache(0, 0, Duration.ZERO);

    /** The IRI forms Jena registers for SPARQL's builtins: {@code <http://www.w3.org/ns/sparql#now>()} is NOW(). */
    private static final java.util.Set<String> CHANGING_FUNCTIONS = java.util.Set.of("now", "rand", "uuid", "struuid", "bnode").stream()
            .map(name -> "http://www.w3.org/ns/sparql#" + name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * Whether the query's answer can change with no member changing: NOW(), RAND(), UUID(),
     * STRUUID(), BNODE(), under any of their names and wherever the query calls them. A query that
     * does not parse is not cached either: the endpoint answers its error.
     */
    static boolean changesByItself(String text) {
        org.apache.jena.query.Query query;
        try {
            query = org.apache.jena.query.QueryFactory.create(text, org.apache.jena.query.Syntax.syntaxARQ);
        } catch (org.apache.jena.query.QueryException e) {
            return true;
        }
        return org.cipnet.sparql.QueryOps.expressions(query).stream().anyMatch(e -> e instanceof org.apache.jena.sparql.expr.Unstable
                || e instanceof org.apache.jena.sparql.expr.E_Now
                || e instanceof org.apache.jena.sparql.expr.E_Function f && CHANGING_FUNCTIONS.contains(f.getFunctionIRI()));
    }

    /**
     * The cache as a servlet filter; {@code published} hears the id of each member whose version is
     * seen to change, so that what else is kept about that member (the planner's statistics) goes too.
     */
    Filter filter(FederatorConfig config, java.util.function.Supplier<List<Member>> members, QueryLog log, java.util.function.Consumer<String> published) {
        return new Cache(this, config, members, log, published);
    }

    private record Entry(String etag, String contentType, byte[] body, String resultCap) {}

    private record Known(Optional<String> version, long at) {}

    private static final class Cache implements Filter {
        private final ResultCache limits;
        private final FederatorConfig config;
        /** The catalogue's current members (one that answers only after the start is taken as it then describes itself). */
        private final java.util.function.Supplier<List<Member>> members;
        private final QueryLog log;
        private final java.util.function.Consumer<String> published;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<String, Known> versions = new ConcurrentHashMap<>();
        private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
        private long bytes;

        Cache(ResultCache limits, FederatorConfig config, java.util.function.Supplier<List<Member>> members, QueryLog log,
              java.util.function.Consumer<String> published) {
            this.limits = limits;
            this.config = config;
            this.members = members;
            this.log = log;
            this.published = published;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest req = (HttpServletRequest) request;
            HttpServletResponse res = (HttpServletResponse) response;
            String query = req.getParameter("query");
            // A partial answer (asked for, or the federator's default) may lack members: never kept, never given an ETag.
            if (limits.maxBytes() == 0 || !"GET".equals(req.getMethod()) || query == null
                    || req.getParameter("explain") != null || config.partial(req.getParameter("partial"))) {
                chain.doFilter(request, response);
                return;
            }
            String key = req.getQueryString() + "\n" + req.getHeader("Accept");
            Entry hit;
            synchronized (entries) {
                hit = entries.get(key);
            }
            // A kept answer shows that its query was found stable when it was kept: a repeat is answered
            // without parsing the query a second time beside Fuseki's own parse (what a hit costs most).
            if (hit == null && changesByItself(query)) {
                chain.doFilter(request, response);
                return;
            }
            Optional<String> state = memberVersions();
            if (state.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            String etag = "\"" + sha256(key + "\n" + state.get()).substring(0, 32) + "\"";
            if (org.cipnet.http.EntityTags.noneMatchHits(req.getHeader("If-None-Match"), etag)) {
                log.cache(true);
                validators(res, etag);
                res.setStatus(304);
                return;
            }
            if (hit != null && hit.etag().equals(etag)) {
                log.cache(true);
                res.setStatus(200);
                validators(res, etag);
                if (hit.resultCap() != null) res.setHeader(ResultCap.HEADER, hit.resultCap());
                res.setContentType(hit.contentType());
                res.setContentLength(hit.body().length);
                res.getOutputStream().write(hit.body());
                return;
            }
            log.cache(false);
            validators(res, etag);
            Tee tee = new Tee(res, limits.maxEntry());
            chain.doFilter(request, tee);
            tee.flushBuffer();
            if (tee.getStatus() == 200 && tee.copy != null && tee.copy.size() <= limits.maxEntry() && tee.getHeader(FederatedQueryService.MISSING_HEADER) == null)
                store(key, new Entry(etag, tee.getContentType(), tee.copy.toByteArray(), tee.getHeader(ResultCap.HEADER)));
        }

        /**
         * An answer with its ETag may be kept by clients, and must be checked again before it is used
         * ({@code no-cache}: a member may publish at any time); it differs by format ({@code Vary}).
         * Set on a 304 too, which repeats what the 200 said (RFC 9110 §15.4.5).
         */
        private static void validators(HttpServletResponse res, String etag) {
            res.setHeader("ETag", etag);
            res.setHeader("Cache-Control", "no-cache");
            res.addHeader("Vary", "Accept");
        }

        private void store(String key, Entry e) {
            synchronized (entries) {
                Entry old = entries.put(key, e);
                if (old != null) bytes -= old.body().length;
                bytes += e.body().length;
                var it = entries.values().iterator();
                while (bytes > limits.maxBytes() && it.hasNext()) {
                    bytes -= it.next().body().length;
                    it.remove();
                }
            }
        }

        /**
         * How long a query waits for a member to say its version: a member that does not say it in
         * time only makes this query uncached, never slower than that (a hanging member must not
         * hold every query up before the federator's own timeouts even start).
         */
        private static final long VERSION_WAIT_MILLIS = 1_000;

        /** Every member's current version, or empty when one of them is unknown. */
        private Optional<String> memberVersions() {
            long now = System.nanoTime();
            Map<Member, CompletableFuture<Known>> asked = new LinkedHashMap<>();
            for (Member m : members.get()) {
                Known k = versions.get(m.id());
                if (k != null && now - k.at() < limits.versionCheck().toNanos()) asked.put(m, CompletableFuture.completedFuture(k));
                else asked.put(m, ask(m).completeOnTimeout(Optional.empty(), VERSION_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .thenApply(v -> new Known(v, now)));
            }
            StringBuilder sb = new StringBuilder();
            boolean complete = true;
            for (var e : asked.entrySet()) {
                Known k = e.getValue().join();
                // Answers of queries asking at once may arrive out of order: the one asked last is kept,
                // and only a step forward counts as a publication.
                Known[] before = new Known[1];
                Known kept = versions.compute(e.getKey().id(), (id, old) -> {
                    before[0] = old;
                    return old != null && old.at() - k.at() > 0 ? old : k;
                });
                if (kept == k && before[0] != null && before[0].version().isPresent() && k.version().isPresent()
                        && !before[0].version().equals(k.version()))
                    published.accept(e.getKey().id());
                if (k.version().isEmpty()) complete = false;
                else sb.append(e.getKey().id()).append('=').append(k.version().get()).append(';');
            }
            return complete ? Optional.of(sb.toString()) : Optional.empty();
        }

        private static final ObjectMapper JSON = new ObjectMapper();

        /** The member's latest version number and time, asked without blocking a thread; empty when it cannot say. */
        private CompletableFuture<Optional<String>> ask(Member m) {
            Optional<String> url = FederationDescription.nodeDocument(m, "versions");
            if (url.isEmpty()) return CompletableFuture.completedFuture(Optional.empty());
            return http.sendAsync(HttpRequest.newBuilder(URI.create(url.get())).header("Accept", "application/json")
                            .timeout(m.timeout()).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(r -> {
                        if (r.statusCode() != 200) return Optional.<String>empty();
                        try {
                            JsonNode list = JSON.readTree(r.body());
                            if (!list.isArray() || list.isEmpty()) return Optional.<String>empty();
                            JsonNode last = list.get(list.size() - 1);
                            return Optional.of(last.path("version").asText() + "@" + last.path("time").asText());
                        } catch (IOException e) {
                            return Optional.<String>empty();
                        }
                    })
                    .exceptionally(e -> Optional.empty());
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Passes the answer through as it streams, keeping a copy while it is small enough to cache. Only
     * a whole 200 answer keeps the ETag: an error, or an answer that names missing members, must not
     * be revalidated as the query's answer. With an ETag, clients may keep the answer and revalidate
     * it ({@code no-cache}), instead of Fuseki's {@code no-store}.
     */
    private static final class Tee extends ForwardingResponse {
        private final long limit;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Tee(HttpServletResponse res, long limit) {
            super(res);
            this.limit = limit;
        }

        @Override
        protected void written(byte[] b, int off, int len) {
            keep(b, off, len);
        }

        @Override
        public void setStatus(int sc) {
            if (sc != 200) notTheAnswer();
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc) throws IOException {
            notTheAnswer();
            super.sendError(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            notTheAnswer();
            super.sendError(sc, msg);
        }

        @Override
        public void setHeader(String name, String value) {
            if (name.equalsIgnoreCase(FederatedQueryService.MISSING_HEADER)) notTheAnswer();
            if (name.equalsIgnoreCase("Cache-Control") && getHeader("ETag") != null) value = "no-cache";
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (name.equalsIgnoreCase(FederatedQueryService.MISSING_HEADER)) notTheAnswer();
            if (name.equalsIgnoreCase("Cache-Control") && getHeader("ETag") != null) {
                setHeader(name, value);
                return;
            }
            super.addHeader(name, value);
        }

        private void notTheAnswer() {
            copy = null;
            if (!isCommitted()) {
                super.setHeader("ETag", null);
                super.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
            }
        }

        @Override
        public java.io.PrintWriter getWriter() throws IOException {
            copy = null; // written as text (an error page): not cached
            return super.getWriter();
        }

        private void keep(byte[] b, int off, int len) {
            if (copy == null) return;
            if (copy.size() + len > limit) copy = null;
            else copy.write(b, off, len);
        }
    }
}
