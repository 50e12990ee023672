package org.cipnet.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;

/** Reads from the federated endpoint: the web front's only data source. */
final class Sparql {
    static final String PREFIXES = """
            PREFIX cip: <https://w3id.org/cipnet/ontology#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX time: <http://www.w3.org/2006/time#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX foaf: <http://xmlns.com/foaf/0.1/>
            PREFIX dct: <http://purl.org/dc/terms/>
            PREFIX adms: <http://www.w3.org/ns/adms#>
            PREFIX qb: <http://purl.org/linked-data/cube#>
            PREFIX schema: <https://schema.org/>
            PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
            PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
            PREFIX org: <http://www.w3.org/ns/org#>
            """;

    private final String endpoint;

    Sparql(String endpoint) {
        this.endpoint = endpoint;
    }

    String endpoint() { return endpoint; }

    List<Map<String, Node>> select(String query) {
        List<Map<String, Node>> out = new ArrayList<>();
        try (var qe = QueryExecHTTP.service(endpoint).query(PREFIXES + query).build()) {
            qe.select().forEachRemaining(b -> {
                Map<String, Node> row = new LinkedHashMap<>();
                b.vars().forEachRemaining(v -> row.put(v.getVarName(), b.get(v)));
                out.add(row);
            });
        }
        return out;
    }
}
