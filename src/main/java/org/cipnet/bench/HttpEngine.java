package org.cipnet.bench;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;

/** A system reached over the SPARQL protocol (the central store and the cipnet federator alike), read as SPARQL JSON. */
final class HttpEngine implements Engine {
    private final String name;
    private final String endpoint;
    private final long timeoutMillis;

    HttpEngine(String name, String endpoint, long timeoutMillis) {
        this.name = name;
        this.endpoint = endpoint;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String name() { return name; }

    @Override
    public Answer answer(String text) {
        Query q = QueryFactory.create(text);
        try (var qe = QueryExecutionHTTP.service(endpoint).query(q).timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .acceptHeader("application/sparql-results+json").build()) {
            if (q.isAskType()) return new Answer(List.of("?ask=" + qe.execAsk()));
            ResultSet rs = qe.execSelect();
            List<String> rows = new ArrayList<>();
            while (rs.hasNext()) {
                Binding b = rs.nextBinding();
                SortedMap<String, String> row = new TreeMap<>();
                b.vars().forEachRemaining(v -> row.put(v.getVarName(), term(b.get(v))));
                rows.add(Answer.row(row));
            }
            return new Answer(rows);
        }
    }

    static String term(Node n) {
        if (n.isURI()) return Answer.iri(n.getURI());
        if (n.isBlank()) return Answer.blank();
        return Answer.literal(n.getLiteralLexicalForm(), n.getLiteralLanguage(), n.getLiteralDatatypeURI());
    }
}
