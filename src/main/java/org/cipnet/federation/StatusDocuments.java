package org.cipnet.federation;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cipnet.federation.exec.QueryTrace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The status documents a partial answer links to ({@code head.link} and the {@code Link} header):
 * which members are missing and why. The last thousand are kept.
 */
final class StatusDocuments extends HttpServlet {
    private static final int KEEP = 1000;
    private final Map<String, List<QueryTrace.Failure>> docs = java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<QueryTrace.Failure>> e) {
            return size() > KEEP;
        }
    });

    /** Stores the failures and returns the document's id. */
    String record(List<QueryTrace.Failure> failures) {
        String id = UUID.randomUUID().toString();
        docs.put(id, List.copyOf(failures));
        return id;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String id = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        List<QueryTrace.Failure> f = docs.get(id);
        if (f == null) {
            res.sendError(404, "no such status document (only the last " + KEEP + " are kept)");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complete", false);
        body.put("missingMembers", f);
        res.setContentType("application/json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(res.getOutputStream(), body);
    }
}
