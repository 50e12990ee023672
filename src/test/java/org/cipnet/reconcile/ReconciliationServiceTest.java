package org.cipnet.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cipnet.linking.NetworkCandidates;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.cipnet.testing.TestNetwork;
import org.cipnet.vocab.CIP;
import org.cipnet.web.WebFront;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The reconciliation service in the real web front over the shipped network, spoken to over HTTP
 * as OpenRefine speaks to it; every response validated against the 0.2 JSON Schemas shipped in
 * {@code src/test/resources/reconciliation-0.2/}.
 */
class ReconciliationServiceTest {
    static final String SCHEMAS = "https://reconciliation-api.github.io/specs/0.2/schemas/";
    static WebFront web;
    static String base;
    static SchemaRegistry registry;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CO = CIP.BASE + "no/cluster-organisation/";

    @BeforeAll
    static void start() throws IOException {
        TestNetwork net = TestNetwork.get();
        web = WebFront.start(net.federator.sparqlUrl(), net.members, Checkout.files().queries(), 0);
        base = "http://localhost:" + web.port();
        Map<String, String> schemas = new HashMap<>();
        for (String name : List.of("manifest", "reconciliation-result-batch", "reconciliation-query-batch", "data-extension-response", "data-extension-query",
                "data-extension-property-proposal", "suggest-entities-response", "suggest-properties-response", "suggest-types-response", "type"))
            schemas.put(SCHEMAS + name + ".json", resource(name + ".json"));
        // The schemas declare "$schema": "http://json-schema.org/schema#" (whatever is latest); they are written in draft-07.
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemas(id -> schemas.get(id)));
    }

    @AfterAll
    static void stop() {
        if (web != null) web.close();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ReconciliationServiceTest.class.getResourceAsStream("/reconciliation-0.2/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"$schema\": \"http://json-schema.org/schema#\",", "");
        }
    }

    static JsonNode valid(String schema, HttpResponse<String> res) throws IOException {
        assertEquals("*", res.headers().firstValue("Access-Control-Allow-Origin").orElse(null), "CORS on " + res.uri());
        assertTrue(res.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), "no credentials");
        return valid(schema, res.body());
    }

    static JsonNode valid(String schema, String body) throws IOException {
        Schema s = registry.getSchema(com.networknt.schema.SchemaLocation.of(SCHEMAS + schema + ".json"));
        var errors = s.validate(body, InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Object::toString).toList(), schema + " for " + body);
        return JSON.readTree(body);
    }

    static HttpResponse<String> form(String path, String field, String value) {
        return Http.post(base + path, "application/x-www-form-urlencoded", field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void manifest() throws Exception {
        HttpResponse<String> res = Http.get(base + "/reconcile");
        assertEquals(200, res.statusCode());
        JsonNode m = valid("manifest", res);
        assertEquals("[\"0.2\"]", m.get("versions").toString());
        assertEquals(CIP.BASE, m.get("identifierSpace").asText());
        assertEquals(CIP.NS, m.get("schemaSpace").asText());
        assertEquals(CIP.ClusterOrganisation, m.get("defaultTypes").get(0).get("id").asText());
        List<String> types = new ArrayList<>();
        m.get("defaultTypes").forEach(t -> types.add(t.get("name").asText()));
        assertTrue(types.containsAll(List.of("Cluster programme", "Agency", "Transnational project", "Observatory category")), types.toString());
        assertEquals(Reconciliation.BATCH_SIZE, m.get("batchSize").asInt());
        assertTrue(m.get("preview").get("url").asText().startsWith(base + "/reconcile/preview?id="));
        assertEquals("/reconcile/properties", m.get("extend").get("propose_properties").get("service_path").asText());
        for (String kind : List.of("entity", "property", "type")) assertNotNull(m.get("suggest").get(kind).get("service_path"));
        // The view of what is not a cluster organisation (a programme, an agency) is its node's Linked Data page.
        String view = m.get("view").get("url").asText();
        HttpResponse<String> agency = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(view.replace("{{id}}", enc(CIP.BASE + "no/agency/siva")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, agency.statusCode(), agency.body());
        String to = agency.headers().firstValue("Location").orElseThrow();
        assertTrue(to.endsWith("/page/no/agency/siva"), to);
        assertEquals(200, Http.get(to).statusCode(), to);
    }

    /** Ten queries, form-encoded, type_strict "should", a country cell reconciled elsewhere as {id, name}: what OpenRefine sends. */
    @Test
    void openRefineBatch() throws IOException {
        String[][] rows = {
                {"GCE Ocean Technology AS", "NOR", "Norway", "Bergen", CO + "gce-ocean-technology"},
                {"NCE Subsea", "NOR", "Norway", "", CO + "gce-ocean-technology"},
                {"Robotdalen AB", "SWE", "Sweden", "Västerås", CIP.BASE + "se/cluster-organisation/robotdalen"},
                {"Metalworking Cluster", "POL", "Poland", "", CIP.BASE + "pl/cluster-organisation/metalworking-cluster"},
                {"Metalworking Cluster", "LVA", "Latvia", "", CIP.BASE + "lv/cluster-organisation/metalworking-cluster"},
                {"Камский инновационный территориально-производственный кластер", "RUS", "Russia", "", CIP.BASE + "ru/cluster-organisation/innokam"},
                {"Islenski sjavarklasinn", "ISL", "Iceland", "Reykjavik", CIP.BASE + "is/cluster-organisation/iceland-ocean-cluster"},
                {"Oslo Cancer Cluster", "NOR", "Norway", "Oslo", null},
                {"Silicon Saxony", "DEU", "Germany", "Dresden", null},
                {"Klaster LifeScience Krakow", "POL", "Poland", "Kraków", CIP.BASE + "pl/cluster-organisation/lifescience-krakow-cluster"}};
        StringBuilder batch = new StringBuilder("{");
        for (int i = 0; i < rows.length; i++) {
            String[] r = rows[i];
            if (i > 0) batch.append(',');
            batch.append("\"q").append(i).append("\":{\"query\":").append(JSON.writeValueAsString(r[0]))
                    .append(",\"type\":\"").append(CIP.ClusterOrganisation).append("\",\"type_strict\":\"should\",\"properties\":[")
                    .append("{\"pid\":\"").append(CIP.country).append("\",\"v\":{\"id\":\"http://publications.europa.eu/resource/authority/country/")
                    .append(r[1]).append("\",\"name\":\"").append(r[2]).append("\"}}");
            if (!r[3].isEmpty()) batch.append(",{\"pid\":\"").append(CIP.NS).append("city\",\"v\":").append(JSON.writeValueAsString(r[3])).append('}');
            batch.append("]}");
        }
        batch.append('}');
        valid("reconciliation-query-batch", batch.toString());
        HttpResponse<String> res = form("/reconcile", "queries", batch.toString());
        assertEquals(200, res.statusCode(), res.body());
        JsonNode out = valid("reconciliation-result-batch", res);
        for (int i = 0; i < rows.length; i++) {
            JsonNode result = out.get("q" + i).get("result");
            String want = rows[i][4];
            if (want == null) {
                assertTrue(result.isEmpty() || !result.get(0).get("match").asBoolean(), "no automatic link for " + rows[i][0] + ": " + result);
                continue;
            }
            JsonNode best = result.get(0);
            assertEquals(want, best.get("id").asText(), rows[i][0]);
            assertTrue(best.get("match").asBoolean(), rows[i][0] + " is linked: " + best);
            assertEquals(CIP.ClusterOrganisation, best.get("type").get(0).get("id").asText());
            for (int k = 1; k < result.size(); k++) assertTrue(result.get(k - 1).get("score").asDouble() >= result.get(k).get("score").asDouble(), "sorted by score");
            List<String> features = new ArrayList<>();
            best.get("features").forEach(f -> features.add(f.get("id").asText()));
            assertTrue(features.containsAll(List.of("name", "country", "city", "region", "category", "homepage", "identifier")), features.toString());
        }
        JsonNode lv = out.get("q4").get("result").get(0).get("features");
        lv.forEach(f -> { if (f.get("id").asText().equals("country")) assertEquals(1.0, f.get("value").asDouble()); });
    }

    @Test
    void queriesByGetAndNamesInTheAskedLanguage() throws IOException {
        String q = "{\"q0\":{\"query\":\"Pushchino biotechnology cluster\",\"limit\":2}}";
        HttpResponse<String> res = Http.get(base + "/reconcile?queries=" + enc(q), "Accept-Language", "ru");
        JsonNode out = valid("reconciliation-result-batch", res);
        JsonNode best = out.get("q0").get("result").get(0);
        assertEquals(CIP.BASE + "ru/cluster-organisation/pushchino-biotech-cluster", best.get("id").asText());
        assertEquals("Биотехнологический инновационный территориальный кластер Пущино", best.get("name").asText());
        assertTrue(out.get("q0").get("result").size() <= 2, "limit");
    }

    @Test
    void observatoryCategories() throws IOException {
        String q = "{\"q0\":{\"query\":\"Biopharmaceuticals\",\"type\":\"" + NetworkCandidates.OBSERVATORY_CATEGORY + "\"}}";
        JsonNode out = valid("reconciliation-result-batch", form("/reconcile", "queries", q));
        JsonNode best = out.get("q0").get("result").get(0);
        assertTrue(best.get("id").asText().startsWith(CIP.VOCAB + "eco-category/"), best.toString());
        assertTrue(best.get("match").asBoolean());
        assertEquals("Observatory category", best.get("type").get(0).get("name").asText());
    }

    @Test
    void badInputIsAJsonErrorSayingWhere() throws IOException {
        HttpResponse<String> res = form("/reconcile", "queries", "{\"q0\": {\"query\": \"x\",\n  \"limit\": }}");
        assertEquals(400, res.statusCode());
        assertEquals("*", res.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        JsonNode e = JSON.readTree(res.body());
        assertEquals("queries", e.get("parameter").asText());
        assertEquals(2, e.get("line").asInt());
        assertTrue(e.get("column").asInt() > 1, res.body());

        res = form("/reconcile", "queries", "{\"q0\":{\"query\":\"x\",\"properties\":[{\"pid\":\"nope\",\"v\":\"1\"}]}}");
        assertEquals(400, res.statusCode());
        assertEquals("properties[0].pid", JSON.readTree(res.body()).get("field").asText());
        assertTrue(res.body().contains("q0"), res.body());

        res = form("/reconcile", "queries", "{\"q0\":{\"query\":\"x\",\"type\":\"https://example.org/Nope\"}}");
        assertEquals(400, res.statusCode());
        assertTrue(res.body().contains("unknown type"), res.body());

        StringBuilder big = new StringBuilder("{");
        for (int i = 0; i <= Reconciliation.BATCH_SIZE; i++) big.append(i == 0 ? "" : ",").append("\"q").append(i).append("\":{\"query\":\"x\"}");
        res = form("/reconcile", "queries", big.append('}').toString());
        assertEquals(413, res.statusCode(), res.body());
    }

    @Test
    void corsPreflight() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/reconcile"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(res.statusCode() < 300, "pre-flight answered: " + res.statusCode());
        assertEquals("*", res.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(res.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    }

    @Test
    void suggest() throws IOException {
        JsonNode e = valid("suggest-entities-response", Http.get(base + "/reconcile/suggest/entity?prefix=pap"));
        assertEquals(CIP.BASE + "se/cluster-organisation/paper-province", e.get("result").get(0).get("id").asText());
        JsonNode byId = valid("suggest-entities-response", Http.get(base + "/reconcile/suggest/entity?prefix=" + enc(CO + "nce-media")));
        assertEquals(CO + "nce-media", byId.get("result").get(0).get("id").asText());
        JsonNode p = valid("suggest-properties-response", Http.get(base + "/reconcile/suggest/property?prefix=coun"));
        assertEquals(CIP.country, p.get("result").get(0).get("id").asText());
        JsonNode t = valid("suggest-types-response", Http.get(base + "/reconcile/suggest/type?prefix=observ"));
        assertEquals(NetworkCandidates.OBSERVATORY_CATEGORY, t.get("result").get(0).get("id").asText());
        assertEquals(400, Http.get(base + "/reconcile/suggest/entity").statusCode());
    }

    @Test
    void dataExtension() throws IOException {
        JsonNode proposal = valid("data-extension-property-proposal", Http.get(base + "/reconcile/properties?type=" + enc(CIP.ClusterOrganisation)));
        List<String> props = new ArrayList<>();
        proposal.get("properties").forEach(x -> props.add(x.get("id").asText()));
        assertEquals(10, props.size(), props.toString());
        String paper = CIP.BASE + "se/cluster-organisation/paper-province", gce = CO + "gce-ocean-technology";
        StringBuilder q = new StringBuilder("{\"ids\":[\"" + paper + "\",\"" + gce + "\"],\"properties\":[");
        for (int i = 0; i < props.size(); i++) q.append(i == 0 ? "" : ",").append("{\"id\":\"").append(props.get(i)).append("\"}");
        q.append("]}");
        valid("data-extension-query", q.toString());
        JsonNode out = valid("data-extension-response", form("/reconcile", "extend", q.toString()));
        JsonNode p = out.get("rows").get(paper);
        assertEquals("Sweden", p.get(CIP.country).get(0).get("str").asText());
        assertEquals("Karlstad", p.get(CIP.NS + "city").get(0).get("str").asText());
        assertEquals("SE311", p.get(CIP.NS + "region").get(0).get("str").asText());
        assertEquals("https://www.clustercollaboration.eu/node/595", p.get(org.cipnet.reconcile.Schema.ECCP).get(0).get("str").asText());
        assertFalse(p.get(CIP.NS + "labelLevel").isEmpty(), "Paper Province holds labels: " + p);
        assertTrue(p.get(CIP.NS + "labelLevel").get(0).get("id").asText().startsWith(CIP.VOCAB + "label-level/"));
        JsonNode g = out.get("rows").get(gce);
        assertEquals("Norway", g.get(CIP.country).get(0).get("str").asText());
        assertFalse(g.get(CIP.NS + "level").isEmpty(), "GCE Ocean Technology's programme levels: " + g);
        assertNotNull(g.get(CIP.NS + "clusterCategory").get(0).get("name"));
        assertEquals(400, form("/reconcile", "extend", "{\"ids\":[\"" + gce + "\"],\"properties\":[{\"id\":\"nope\"}]}").statusCode());
    }

    @Test
    void previewShowsTheSignals() {
        HttpResponse<String> card = Http.get(base + "/reconcile/preview?id=" + enc(CO + "gce-ocean-technology") + "&query=" + enc("NCE Subsea") + "&country=NO");
        assertEquals(200, card.statusCode());
        assertEquals("*", card.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        // OpenRefine frames the card: the web front's frame-ancestors 'none' must not reach it.
        String csp = String.join(", ", card.headers().allValues("Content-Security-Policy"));
        assertTrue(csp.contains("frame-ancestors *") && !csp.contains("frame-ancestors 'none'") && !csp.contains("script-src"), csp);
        assertTrue(card.body().contains("GCE Ocean Technology") && card.body().contains("NCE Subsea"), card.body());
        // The regional-cluster key by its label, not its notation.
        assertTrue(card.body().contains("Production and Transportation of Oil and Gas \u2013 ") && !card.body().contains("NO0A-35"), card.body());
        for (String f : List.of(">name<", ">country<", ">city<", ">homepage<", ">identifier<")) assertTrue(card.body().contains(f), f + " in " + card.body());
        assertEquals(404, Http.get(base + "/reconcile/preview?id=" + enc(CIP.BASE + "no/nothing")).statusCode());
    }
}
