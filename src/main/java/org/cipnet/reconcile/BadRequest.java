package org.cipnet.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A request the service cannot answer, with what is wrong and where; sent as a JSON error. */
final class BadRequest extends RuntimeException {
    final int status;
    final Map<String, Object> where = new LinkedHashMap<>();

    BadRequest(int status, String message) {
        super(message);
        this.status = status;
    }

    BadRequest at(String key, Object value) {
        where.put(key, value);
        return this;
    }

    /** Malformed JSON in a parameter: the parser's message, line and column. */
    static BadRequest json(String parameter, JsonProcessingException e) {
        var loc = e.getLocation();
        BadRequest b = new BadRequest(400, "malformed JSON in parameter '" + parameter + "': " + e.getOriginalMessage()).at("parameter", parameter);
        if (loc != null) b.at("line", loc.getLineNr()).at("column", loc.getColumnNr());
        return b;
    }

    Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("error", getMessage());
        m.putAll(where);
        return m;
    }
}
