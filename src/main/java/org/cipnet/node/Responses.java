package org.cipnet.node;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.vocab.Prefixes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Writing node responses: JSON, text, or RDF chosen by the request's Accept header. */
final class Responses {
    private Responses() {}

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Which of JSON, RDF (Turtle etc.) or plain text the client asked for; text when it did not say. */
    enum Kind { JSON, RDF, TEXT }

    static Kind wanted(HttpAction action) {
        String accept = action.getRequestHeader("Accept");
        if (accept == null) return Kind.TEXT;
        // Jena reads text/plain as N-Triples; a client that names it first (the command line, curl -H) wants words.
        if (accept.split(",")[0].split(";")[0].strip().equalsIgnoreCase("text/plain")) return Kind.TEXT;
        if (accept.contains("json") && !accept.contains("ld+json")) return Kind.JSON;
        if (rdfLang(accept) != null) return Kind.RDF;
        return Kind.TEXT;
    }

    /** The RDF syntax named first in an Accept header, or null. */
    static Lang rdfLang(String accept) {
        return org.cipnet.opendata.RdfNegotiation.rdfLang(accept);
    }

    static void text(HttpAction action, int status, String body) {
        send(action, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    static void json(HttpAction action, int status, Object value) {
        try {
            send(action, status, "application/json", JSON.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void rdf(HttpAction action, int status, Graph g, Lang lang) {
        Graph out = GraphFactory.createDefaultGraph();
        g.find().forEachRemaining(out::add);
        out.getPrefixMapping().setNsPrefixes(Prefixes.usedIn(out));
        var bytes = new java.io.ByteArrayOutputStream();
        RDFDataMgr.write(bytes, out, lang);
        send(action, status, lang.getContentType().getContentTypeStr() + "; charset=utf-8", bytes.toByteArray());
    }

    static void send(HttpAction action, int status, String contentType, byte[] body) {
        action.setResponseStatus(status);
        action.setResponseContentType(contentType);
        action.setResponseContentLength(body.length);
        try (OutputStream out = action.getResponseOutputStream()) {
            out.write(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
