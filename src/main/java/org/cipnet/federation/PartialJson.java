package org.cipnet.federation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.sparql.exec.RowSet;
import org.cipnet.http.JsonResults;

/**
 * SPARQL JSON results with {@code head.link} pointing to the status document of a partial answer,
 * written whole before the status is set, so that a failure while the rows are read still gets an
 * error status.
 */
final class PartialJson {
    private PartialJson() {}

    static void write(HttpAction action, RowSet rows, String link) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            JsonResults.write(body, rows, action.getContext(), List.of(link));
            action.setResponseStatus(200);
            action.setResponseContentType("application/sparql-results+json");
            try (OutputStream out = action.getResponseOutputStream()) {
                body.writeTo(out);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
