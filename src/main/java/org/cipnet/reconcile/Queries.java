package org.cipnet.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cipnet.linking.LinkQuery;
import org.cipnet.vocab.CIP;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a reconciliation query batch ({@code {"q0": {"query": …, "type": …, "limit": …,
 * "properties": [{"pid": …, "v": …}], "type_strict": …}, …}}) into link queries, checking it as
 * the 0.2 schema does and naming the query and field that is wrong.
 */
final class Queries {
    private Queries() {}

    record Parsed(LinkQuery query, int limit) {}

    static final int DEFAULT_LIMIT = 5;

    static Map<String, Parsed> parse(ObjectMapper json, String text, int batchSize) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw BadRequest.json("queries", e);
        }
        if (root == null || !root.isObject()) throw new BadRequest(400, "'queries' must be a JSON object of queries keyed by id (q0, q1, …)").at("parameter", "queries");
        if (root.size() > batchSize)
            throw new BadRequest(413, "a batch holds at most " + batchSize + " queries; this one has " + root.size()).at("parameter", "queries").at("batchSize", batchSize);
        Map<String, Parsed> out = new LinkedHashMap<>();
        for (var it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            out.put(e.getKey(), one(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Parsed one(String key, JsonNode q) {
        if (!q.isObject()) throw bad(key, null, "a query must be a JSON object");
        for (var names = q.fieldNames(); names.hasNext(); ) {
            String f = names.next();
            if (!Set.of("query", "type", "limit", "properties", "type_strict").contains(f)) throw bad(key, f, "unknown field (0.2 allows query, type, limit, properties, type_strict)");
        }
        String name = null;
        if (q.has("query")) {
            if (!q.get("query").isTextual()) throw bad(key, "query", "must be a string");
            name = q.get("query").asText();
        }
        Set<String> types = new LinkedHashSet<>();
        if (q.has("type")) {
            JsonNode t = q.get("type");
            List<JsonNode> list = new ArrayList<>();
            if (t.isArray()) t.forEach(list::add);
            else list.add(t);
            for (JsonNode x : list) {
                if (!x.isTextual()) throw bad(key, "type", "must be a type id or an array of type ids");
                if (Schema.find(Schema.TYPES, x.asText()) == null) throw bad(key, "type", "unknown type '" + x.asText() + "' (see the manifest's defaultTypes)");
                types.add(x.asText());
            }
        }
        if (q.has("type_strict") && !Set.of("any", "should", "all").contains(q.get("type_strict").asText()))
            throw bad(key, "type_strict", "must be any, should or all");
        int limit = DEFAULT_LIMIT;
        if (q.has("limit")) {
            if (!q.get("limit").isNumber() || q.get("limit").asInt() < 1) throw bad(key, "limit", "must be a positive integer");
            limit = Math.min(q.get("limit").asInt(), 100);
        }
        String country = null, city = null, homepage = null;
        List<String> regions = new ArrayList<>(), categories = new ArrayList<>(), ids = new ArrayList<>();
        if (q.has("properties")) {
            JsonNode props = q.get("properties");
            if (!props.isArray()) throw bad(key, "properties", "must be an array of {pid, v}");
            for (int i = 0; i < props.size(); i++) {
                JsonNode p = props.get(i);
                String where = "properties[" + i + "]";
                if (!p.isObject() || !p.has("pid") || !p.get("pid").isTextual() || !p.has("v")) throw bad(key, where, "must be an object with pid and v");
                String pid = p.get("pid").asText();
                if (Schema.find(Schema.QUERY_PROPERTIES, pid) == null) throw bad(key, where + ".pid", "unknown property '" + pid + "' (see /reconcile/suggest/property)");
                for (String v : values(key, where + ".v", p.get("v"))) {
                    switch (pid.substring(pid.lastIndexOf('#') + 1)) {
                        case "country" -> country = v;
                        case "city" -> city = v;
                        case "region" -> regions.add(v);
                        case "clusterCategory", "industrialEcosystem" -> categories.add(v);
                        default -> {
                            if (pid.equals(Schema.FOAF_HOMEPAGE)) homepage = v;
                            else ids.add(v);
                        }
                    }
                }
            }
        }
        if ((name == null || name.isBlank()) && country == null && city == null && homepage == null && regions.isEmpty() && categories.isEmpty() && ids.isEmpty())
            throw bad(key, "query", "a query needs a non-empty 'query' or at least one property");
        return new Parsed(new LinkQuery(name == null ? "" : name, types, country, city, regions, categories, homepage, ids), limit);
    }

    /** A property value: a string, number, boolean, {@code {id, name}} (a reconciled cell: its id), or an array of these. */
    private static List<String> values(String key, String where, JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode x : v) out.addAll(values(key, where, x));
            return out;
        }
        if (v.isTextual() || v.isNumber() || v.isBoolean()) out.add(v.asText());
        else if (v.isObject() && v.has("id") && v.get("id").isTextual()) {
            String id = v.get("id").asText();
            // A cell reconciled against this service holds a cipnet IRI; against another, its name says more.
            out.add(id.startsWith(CIP.BASE) || id.startsWith("http") || !v.has("name") ? id : v.get("name").asText());
        } else throw bad(key, where, "must be a string, number, boolean or {id, name}");
        return out;
    }

    private static BadRequest bad(String key, String field, String message) {
        BadRequest b = new BadRequest(400, key + (field == null ? "" : "." + field) + ": " + message).at("query", key);
        if (field != null) b.at("field", field);
        return b;
    }
}
