package org.cipnet.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.rdf.model.impl.Util;
import org.apache.jena.riot.out.NodeToLabel;
import org.apache.jena.riot.system.SyntaxLabels;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.util.Context;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * SPARQL 1.1 Query Results JSON, streamed with Jackson. Jena's writer gives every answer a
 * 64K-character buffer of its own (its {@code IndentedWriter} over the response): on a query that
 * asks no member that allocation was 141 of the 748 JFR samples of the federator's query action
 * (2026-12-07), more than evaluating the plan. The terms are written as Jena writes them (no datatype on a simple string;
 * {@code xml:lang} and {@code its:dir} on language strings; triple terms as
 * {@code subject/predicate/object}; blank-node labels from Jena's own labeller), so a client reads
 * the same answer.
 */
public final class JsonResults {
    /** The response is the caller's to close: Fuseki and the filters around it finish it. */
    private static final JsonFactory JSON = new JsonFactory().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private JsonResults() {}

    /**
     * Writes the rows, with {@code links} (may be empty) as the head's {@code link} array; {@code cxt}
     * says, as for Jena's writer, whether blank nodes keep their labels.
     */
    public static void write(OutputStream out, RowSet rows, Context cxt, List<String> links) throws IOException {
        NodeToLabel labels = cxt != null && cxt.isTrue(ARQ.outputGraphBNodeLabels) ? SyntaxLabels.createNodeToLabelAsGiven()
                : SyntaxLabels.createNodeToLabel();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("head");
            g.writeArrayFieldStart("vars");
            for (Var v : rows.getResultVars()) g.writeString(v.getVarName());
            g.writeEndArray();
            if (!links.isEmpty()) {
                g.writeArrayFieldStart("link");
                for (String link : links) g.writeString(link);
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("results");
            g.writeArrayFieldStart("bindings");
            while (rows.hasNext()) {
                Binding b = rows.next();
                g.writeStartObject();
                for (Var v : rows.getResultVars()) {
                    Node n = b.get(v);
                    if (n == null) continue;
                    g.writeFieldName(v.getVarName());
                    term(g, n, labels);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** Writes the answer of an ASK query. */
    public static void write(OutputStream out, boolean answer) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("head");
            g.writeEndObject();
            g.writeBooleanField("boolean", answer);
            g.writeEndObject();
        }
    }

    private static void term(JsonGenerator g, Node n, NodeToLabel labels) throws IOException {
        g.writeStartObject();
        if (n.isURI()) {
            g.writeStringField("type", "uri");
            g.writeStringField("value", n.getURI());
        } else if (n.isBlank()) {
            g.writeStringField("type", "bnode");
            g.writeStringField("value", labels.get(null, n));
        } else if (n.isLiteral()) {
            g.writeStringField("type", "literal");
            if (Util.isSimpleString(n)) {
                // no datatype: xsd:string is the default
            } else if (Util.isLangString(n) || Util.isDirLangString(n)) {
                if (!n.getLiteralLanguage().isEmpty()) g.writeStringField("xml:lang", n.getLiteralLanguage());
                if (n.getLiteralBaseDirection() != null) g.writeStringField("its:dir", n.getLiteralBaseDirection().direction());
            } else {
                g.writeStringField("datatype", n.getLiteralDatatypeURI());
            }
            g.writeStringField("value", n.getLiteralLexicalForm());
        } else if (n.isTripleTerm()) {
            Triple t = n.getTriple();
            g.writeStringField("type", "triple");
            g.writeFieldName("value");
            g.writeStartObject();
            g.writeFieldName("subject");
            term(g, t.getSubject(), labels);
            g.writeFieldName("predicate");
            term(g, t.getPredicate(), labels);
            g.writeFieldName("object");
            term(g, t.getObject(), labels);
            g.writeEndObject();
        } else {
            throw new IllegalArgumentException("not an RDF term of a SPARQL answer: " + n);
        }
        g.writeEndObject();
    }
}
