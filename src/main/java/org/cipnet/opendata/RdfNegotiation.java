package org.cipnet.opendata;

import java.io.IOException;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;

import jakarta.servlet.http.HttpServletResponse;

/** Choosing an RDF syntax from an {@code Accept} header, and writing a graph in it. */
public final class RdfNegotiation {
    private RdfNegotiation() {}

    /** The triple syntax named first in an Accept header (Turtle, JSON-LD, RDF/XML, N-Triples, …), or null. */
    public static Lang rdfLang(String accept) {
        if (accept == null) return null;
        for (String part : accept.split(",")) {
            String ct = part.split(";")[0].strip();
            if (ct.isEmpty() || ct.equals("*/*")) continue;
            Lang lang = RDFLanguages.contentTypeToLang(ct);
            if (lang != null && RDFLanguages.isTriples(lang)) return lang;
        }
        return null;
    }

    /** Writes {@code g} with status 200 in the syntax {@code accept} asks for, Turtle when it names none. */
    public static void write(HttpServletResponse res, Graph g, String accept) throws IOException {
        Lang lang = rdfLang(accept);
        if (lang == null) lang = Lang.TURTLE;
        send(res, lang, serialise(g, lang));
    }

    /** {@code g} in this syntax, as the bytes {@link #send} answers with. */
    public static byte[] serialise(Graph g, Lang lang) {
        var bytes = new java.io.ByteArrayOutputStream();
        RDFDataMgr.write(bytes, g, lang);
        return bytes.toByteArray();
    }

    /** Answers 200 with a graph already written in this syntax (by {@link #serialise}), varying by {@code Accept}. */
    public static void send(HttpServletResponse res, Lang lang, byte[] body) throws IOException {
        res.setStatus(200);
        res.setContentType(lang.getContentType().getContentTypeStr() + "; charset=utf-8");
        res.setHeader("Vary", "Accept");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
