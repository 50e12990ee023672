package org.cipnet.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;

/**
 * Reads from the federated endpoint: the web front's only data source. Queries are constant texts
 * parsed once; what a visitor gives goes in only as bound values (a variable replaced by an RDF term
 * in the parsed query, or a VALUES block), never spliced into query text.
 */
final class Sparql {
    static final String PREFIXES = """
            PREFIX cip: <https://w3id.org/cipnet/ontology#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
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
            PREFIX void: <http://rdfs.org/ns/void#>
            """;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String endpoint;

    Sparql(String endpoint) {
        this.endpoint = endpoint;
    }

    String endpoint() { return endpoint; }

    /** A constant query text (with the common prefixes), parsed once. */
    static Query parse(String text) {
        return QueryFactory.create(PREFIXES + text);
    }

    /** {@code query} with each named variable replaced by its term. */
    static Query bind(Query query, Map<String, Node> values) {
        Map<Var, Node> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(Var.alloc(k), v));
        return QueryTransformOps.transform(query, m);
    }

    /** {@code query} restricted to {@code var} in {@code nodes} (a trailing VALUES block). */
    static Query values(Query query, String var, Collection<Node> nodes) {
        Query q = query.cloneQuery();
        Var v = Var.alloc(var);
        List<Binding> rows = new ArrayList<>();
        for (Node n : nodes) rows.add(BindingFactory.binding(v, n));
        q.setValuesDataBlock(List.of(v), rows);
        return q;
    }

    /**
     * Every request is a POST, which the federator's result cache leaves alone: the web front keeps
     * its own snapshot, rebuilt when a member's VoID changes, and a cached answer from just before a
     * publication (the cache learns members' versions up to a second late) would otherwise be built
     * into the new snapshot and stay there until the next publication.
     */
    private QueryExecHTTP exec(Query query) {
        return QueryExecHTTP.service(endpoint).query(query).sendMode(org.apache.jena.sparql.exec.http.QuerySendMode.asPost)
                .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).build();
    }

    List<Map<String, Node>> select(Query query) {
        List<Map<String, Node>> out = new ArrayList<>();
        try (var qe = exec(query)) {
            qe.select().forEachRemaining(b -> {
                Map<String, Node> row = new LinkedHashMap<>();
                b.vars().forEachRemaining(v -> row.put(v.getVarName(), b.get(v)));
                out.add(row);
            });
        }
        return out;
    }

    Graph construct(Query query) {
        try (var qe = exec(query)) {
            return qe.construct();
        }
    }
}
