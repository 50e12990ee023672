package org.cipnet.federation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.exec.RowSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** SPARQL JSON results with {@code head.link} pointing to the status document of a partial answer. */
final class PartialJson {
    private PartialJson() {}

    static void write(HttpAction action, RowSet rows, String link) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            ResultSetMgr.write(buf, org.apache.jena.query.ResultSet.adapt(rows), ResultSetLang.RS_JSON);
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = (ObjectNode) json.readTree(buf.toByteArray());
            ((ObjectNode) root.get("head")).putArray("link").add(link);
            byte[] body = json.writeValueAsBytes(root);
            action.setResponseStatus(200);
            action.setResponseContentType("application/sparql-results+json");
            try (OutputStream out = action.getResponseOutputStream()) {
                out.write(body);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
