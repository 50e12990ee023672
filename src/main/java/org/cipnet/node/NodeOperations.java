package org.cipnet.node;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.fuseki.servlets.BaseActionREST;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.WebContent;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.rdf.RdfInputException;
import org.cipnet.rdf.RdfSyntaxException;
import org.cipnet.validation.ReportWriter;

/**
 * The node's own Fuseki operations beside SPARQL query: publish, versions, rollback and VoID.
 * Writes are authenticated with HTTP Basic against the node's users file.
 */
final class NodeOperations {
    private NodeOperations() {}

    static final Operation PUBLISH = Operation.alloc("https://w3id.org/cipnet/ontology#publish", "publish",
            "Validate and publish a new national graph");
    static final Operation VERSIONS = Operation.alloc("https://w3id.org/cipnet/ontology#versions", "versions",
            "List the published versions");
    static final Operation ROLLBACK = Operation.alloc("https://w3id.org/cipnet/ontology#rollback", "rollback",
            "Make a kept version current again");
    static final Operation VOID = Operation.alloc("https://w3id.org/cipnet/ontology#void", "void",
            "The VoID description of the national graph");

    /**
     * Checks HTTP Basic credentials; answers 401 (and returns empty) when they are missing or wrong,
     * and 429 while failed logins for this user or from this address are being slowed down.
     */
    private static Optional<String> authenticate(HttpAction action, Users users, LoginThrottle throttle, String country) {
        if (users.isEmpty()) {
            ServletOps.error(403, "publishing is disabled on this node: start it with --users FILE (see 'cipnet passwd')");
        }
        String header = action.getRequestHeader("Authorization");
        String claimed = Users.claimedName(header), client = action.getRequest().getRemoteAddr();
        java.time.Duration wait = throttle.wait(claimed, client);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            action.setResponseHeader("Retry-After", Long.toString(seconds));
            Responses.text(action, 429, "too many failed logins for this user or from this address: try again in " + seconds + " s\n");
            return Optional.empty();
        }
        Optional<String> user = users.authenticate(header);
        if (user.isEmpty()) {
            if (header != null) throttle.failed(claimed, client);
            action.setResponseHeader("WWW-Authenticate", "Basic realm=\"cipnet " + country + "\", charset=\"UTF-8\"");
            // The same words for an unknown name and a wrong password: the answer must not tell which names exist.
            Responses.text(action, 401, header == null ? "authentication required: HTTP Basic with a user from the node's users file\n"
                    : "user name or password not accepted (HTTP Basic, a user from the node's users file)\n");
        } else {
            throttle.succeeded(claimed, client);
        }
        return user;
    }

    static Map<String, Object> versionJson(Version v, boolean kept) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.number());
        m.put("time", v.time().toString());
        m.put("publisher", v.publisher());
        m.put("triples", v.triples());
        m.put("added", v.added());
        m.put("removed", v.removed());
        m.put("note", v.note());
        m.put("kept", kept);
        return m;
    }

    /**
     * A write operation: it goes through the gate, for an authenticated publisher only, and never
     * from another site's page: a browser sends {@code Origin} with every cross-site POST, and a
     * write whose {@code Origin} is not this node's own is refused (the command line sends none).
     */
    abstract static class Write extends BaseActionREST {
        final PublishGate gate;
        private final Users users;
        private final LoginThrottle throttle;
        private final String country;
        private final String ownOrigin;

        Write(PublishGate gate, Users users, LoginThrottle throttle, String country, String base) {
            this.gate = gate;
            this.users = users;
            this.throttle = throttle;
            this.country = country;
            this.ownOrigin = origin(java.net.URI.create(base));
        }

        @Override
        protected final void doPost(HttpAction action) {
            String origin = action.getRequestHeader("Origin");
            if (origin != null && !origin.equals(ownOrigin) && !origin.equals(requestOrigin(action))) {
                Responses.text(action, 403, "writes are refused from another site's page (Origin " + origin
                        + "): publish with 'cipnet publish' or from " + ownOrigin + "\n");
                return;
            }
            Optional<String> user = authenticate(action, users, throttle, country);
            if (user.isPresent()) write(action, user.get());
        }

        /** Answers a CORS preflight without allowing anything: no other site may write here. */
        @Override
        protected final void doOptions(HttpAction action) {
            action.setResponseHeader("Allow", "POST, OPTIONS");
            action.setResponseStatus(204);
        }

        private static String requestOrigin(HttpAction action) {
            String host = action.getRequestHeader("Host");
            return host == null ? null : action.getRequest().getScheme() + "://" + host;
        }

        private static String origin(java.net.URI u) {
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        }

        abstract void write(HttpAction action, String user);
    }

    /** POST a whole national graph; 200 with the new version, 400 syntax, 422 rejected. */
    static final class Publish extends Write {
        private final String country;

        Publish(PublishGate gate, Users users, LoginThrottle throttle, String country, String base) {
            super(gate, users, throttle, country, base);
            this.country = country;
        }

        /**
         * The RDF media types a publication may come as. Not {@code text/plain} (which RIOT would read
         * as N-Triples): a page on another site can send it without a CORS preflight.
         */
        private static final java.util.Set<Lang> ACCEPTED = java.util.Set.of(Lang.TURTLE, Lang.TRIG, Lang.NTRIPLES, Lang.NQUADS, Lang.JSONLD, Lang.RDFXML);

        @Override
        void write(HttpAction action, String user) {
            String ct = action.getRequestContentType();
            String mediaType = ct == null ? null : ct.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
            Lang lang = mediaType == null || mediaType.equals(WebContent.contentTypeTextPlain) ? null
                    : RDFLanguages.contentTypeToLang(WebContent.contentTypeCanonical(mediaType));
            if (lang == null || !ACCEPTED.contains(lang)) {
                Responses.text(action, 415, "unsupported or missing Content-Type '" + ct + "': send Turtle (text/turtle), TriG, N-Triples"
                        + " (application/n-triples), N-Quads, JSON-LD (application/ld+json) or RDF/XML (application/rdf+xml)\n");
                return;
            }
            Graph data;
            try {
                data = RdfFiles.read(action.getRequestInputStream(), lang, "https://w3id.org/cipnet/" + country + "/", "upload");
            } catch (RdfSyntaxException e) {
                Map<String, Object> err = new LinkedHashMap<>();
                err.put("error", "syntax");
                err.put("line", e.line());
                err.put("column", e.column());
                err.put("message", e.detail());
                if (Responses.wanted(action) == Responses.Kind.JSON) Responses.json(action, 400, err);
                // A JSON-LD context error has no position in the body: say none rather than line -1.
                else Responses.text(action, 400, (e.line() < 1 ? "syntax error: " : "syntax error at line " + e.line() + ", column " + e.column() + ": ")
                        + e.detail() + "\n");
                return;
            } catch (RdfInputException | IOException e) {
                Responses.text(action, 400, e.getMessage() + "\n");
                return;
            }
            PublishResult result = gate.publish(data, "upload", user, "publish", "true".equals(action.getRequestParameter("allowEmpty")));
            if (result instanceof PublishResult.Accepted a) {
                    Map<String, Object> body = versionJson(a.version(), true);
                    body.put("warnings", a.outcome().warnings());
                    if (Responses.wanted(action) == Responses.Kind.TEXT)
                        Responses.text(action, 200, "published version " + a.version().number() + ": " + a.version().triples()
                                + " triples (+" + a.version().added() + " -" + a.version().removed() + "), "
                                + a.outcome().warnings() + " warnings\n" + (a.outcome().warnings() > 0 ? ReportWriter.text(a.outcome()) : ""));
                    else Responses.json(action, 200, body);
            } else if (result instanceof PublishResult.Invalid inv) {
                    switch (Responses.wanted(action)) {
                        case JSON -> Responses.send(action, 422, "application/json",
                                ReportWriter.json(inv.outcome()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        case RDF -> Responses.rdf(action, 422, inv.outcome().report().getGraph(),
                                Responses.rdfLang(action.getRequestHeader("Accept")));
                        case TEXT -> Responses.text(action, 422, "publication rejected, nothing was changed:\n\n" + ReportWriter.text(inv.outcome()));
                    }
            } else if (result instanceof PublishResult.Empty) {
                    String msg = "publication rejected, nothing was changed: the body has no triples, and publishing it would delete"
                            + " the whole national graph. To empty the graph on purpose, POST to publish?allowEmpty=true (cipnet publish --allow-empty)";
                    if (Responses.wanted(action) == Responses.Kind.JSON) Responses.json(action, 422, Map.of("error", "empty", "message", msg));
                    else Responses.text(action, 422, msg + "\n");
            } else if (result instanceof PublishResult.Foreign f) {
                    String msg = "publication rejected, nothing was changed: " + f.subjects().size()
                            + " subject(s) lie outside this member's URI space " + f.uriSpace()
                            + " (the ownership contract: a member publishes only its own subjects)";
                    switch (Responses.wanted(action)) {
                        case JSON -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("error", "ownership");
                            body.put("uriSpace", f.uriSpace());
                            body.put("subjects", f.subjects());
                            body.put("message", msg);
                            Responses.json(action, 422, body);
                        }
                        case RDF -> Responses.rdf(action, 422, f.report(), Responses.rdfLang(action.getRequestHeader("Accept")));
                        case TEXT -> Responses.text(action, 422,
                                msg + ":\n  " + String.join("\n  ", f.subjects().subList(0, Math.min(20, f.subjects().size()))) + "\n");
                    }
            }
        }
    }

    /** GET the version list (JSON, or text). */
    static final class Versions extends BaseActionREST {
        private final NationalStore store;

        Versions(NationalStore store) { this.store = store; }

        @Override
        protected void doGet(HttpAction action) {
            List<Map<String, Object>> list = store.versions().stream().map(v -> versionJson(v, store.kept(v.number()))).toList();
            if (Responses.wanted(action) == Responses.Kind.JSON || Responses.wanted(action) == Responses.Kind.RDF) {
                Responses.json(action, 200, list);
                return;
            }
            StringBuilder sb = new StringBuilder(String.format("%-8s %-27s %-14s %9s %9s %9s  %s%n", "version", "time", "publisher", "triples", "added", "removed", "note"));
            for (var m : list)
                sb.append(String.format("%-8s %-27s %-14s %9s %9s %9s  %s%s%n", m.get("version"), m.get("time"), m.get("publisher"),
                        m.get("triples"), m.get("added"), m.get("removed"), m.get("note"), Boolean.TRUE.equals(m.get("kept")) ? "" : " (not kept)"));
            Responses.text(action, 200, sb.toString());
        }
    }

    /** POST ?version=N: make version N current again, as a new version. */
    static final class Rollback extends Write {
        Rollback(PublishGate gate, Users users, LoginThrottle throttle, String country, String base) {
            super(gate, users, throttle, country, base);
        }

        @Override
        void write(HttpAction action, String user) {
            String param = action.getRequestParameter("version");
            int n;
            try {
                n = Integer.parseInt(param);
            } catch (NumberFormatException e) {
                Responses.text(action, 400, "give the version to roll back to as ?version=N (got '" + param + "')\n");
                return;
            }
            try {
                Version v = gate.rollback(n, user);
                if (Responses.wanted(action) == Responses.Kind.TEXT)
                    Responses.text(action, 200, "rolled back to version " + n + " as version " + v.number() + ": " + v.triples()
                            + " triples (+" + v.added() + " -" + v.removed() + ")\n");
                else Responses.json(action, 200, versionJson(v, true));
            } catch (IllegalArgumentException e) {
                Responses.text(action, 404, e.getMessage() + "\n");
            }
        }
    }

    /** GET the VoID description (Turtle unless another RDF syntax is asked for), conditional on its version. */
    static final class VoidDoc extends BaseActionREST {
        private final VoidDocument document;

        VoidDoc(VoidDocument document) { this.document = document; }

        @Override
        protected void doGet(HttpAction action) {
            try {
                document.serve(action.getRequest(), action.getResponse());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
