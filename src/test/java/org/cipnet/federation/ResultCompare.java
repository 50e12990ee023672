package org.cipnet.federation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.testing.Http;

/**
 * Runs one query at the federator (over HTTP) and at a central in-memory store, and says whether
 * the answers are the same: the same multiset of rows (numbers by value and datatype, blank nodes
 * compared as blank) in the same order of sort keys for ORDER BY, the same
 * boolean, or isomorphic graphs.
 */
final class ResultCompare {
    private ResultCompare() {}

    record Outcome(boolean same, String federated, String central) {}

    static Outcome compare(String endpoint, Graph central, String queryString) {
        Query q = QueryFactory.create(queryString);
        if (q.isSelectType()) {
            var res = Http.query(endpoint, queryString, "application/sparql-results+json");
            if (res.statusCode() != 200) return new Outcome(false, "HTTP " + res.statusCode() + ": " + res.body(), "");
            var fed = ResultSetMgr.read(new ByteArrayInputStream(res.body().getBytes(StandardCharsets.UTF_8)), org.apache.jena.riot.resultset.ResultSetLang.RS_JSON);
            List<Map<String, String>> fRows = rows(fed.getResultVars(), fed);
            List<Map<String, String>> cRows;
            try (var qe = org.apache.jena.query.QueryExecutionFactory.create(q, org.apache.jena.rdf.model.ModelFactory.createModelForGraph(central))) {
                var rs = qe.execSelect();
                cRows = rows(rs.getResultVars(), rs);
            }
            List<String> f = fRows.stream().map(ResultCompare::format).toList(), c = cRows.stream().map(ResultCompare::format).toList();
            boolean same = sorted(f).equals(sorted(c));
            List<String> keys = sortKeys(q, fed.getResultVars());
            if (keys != null) {
                // Ordered by projected variables: the sequence of sort keys must agree too (rows that tie
                // on every key may come in any order, so those are compared as a multiset only).
                same &= project(fRows, keys).equals(project(cRows, keys));
                return new Outcome(same, show(f), show(c));
            }
            return new Outcome(same, show(sorted(f)), show(sorted(c)));
        }
        if (q.isAskType()) {
            var res = Http.query(endpoint, queryString, "application/sparql-results+json");
            if (res.statusCode() != 200) return new Outcome(false, "HTTP " + res.statusCode() + ": " + res.body(), "");
            boolean fed = res.body().contains("true");
            boolean cen;
            try (QueryExec qe = QueryExec.graph(central).query(q).build()) { cen = qe.ask(); }
            return new Outcome(fed == cen, Boolean.toString(fed), Boolean.toString(cen));
        }
        var res = Http.query(endpoint, queryString, "application/n-triples");
        if (res.statusCode() != 200) return new Outcome(false, "HTTP " + res.statusCode() + ": " + res.body(), "");
        Graph fed = GraphFactory.createDefaultGraph();
        RDFParser.fromString(res.body(), Lang.NTRIPLES).parse(fed);
        Graph cen;
        try (QueryExec qe = QueryExec.graph(central).query(q).build()) { cen = q.isDescribeType() ? qe.describe() : qe.construct(); }
        return new Outcome(fed.isIsomorphicWith(cen), fed.size() + " triples", cen.size() + " triples");
    }

    /** The ORDER BY variables when every sort key is a projected variable, else null (not checkable from the rows). */
    private static List<String> sortKeys(Query q, List<String> projected) {
        if (!q.isOrdered()) return null;
        List<String> keys = new ArrayList<>();
        for (var cond : q.getOrderBy()) {
            if (!cond.getExpression().isVariable()) return null;
            String v = cond.getExpression().getVarName();
            if (!projected.contains(v)) return null;
            keys.add(v);
        }
        return keys;
    }

    /** Each row's sort keys; numbers by value alone, since ORDER BY ties 1 and 1.0 and may give tied rows in any order. */
    private static List<List<String>> project(List<Map<String, String>> rows, List<String> keys) {
        return rows.stream().map(r -> keys.stream().map(v -> r.getOrDefault(v, "UNBOUND").replaceFirst("\\^\\^number:[A-Za-z]+$", "")).toList()).toList();
    }

    private static List<Map<String, String>> rows(List<String> vars, org.apache.jena.query.ResultSet rs) {
        List<Map<String, String>> out = new ArrayList<>();
        while (rs.hasNext()) {
            var sol = rs.next();
            Map<String, String> row = new TreeMap<>();
            for (String v : vars) {
                var n = sol.get(v);
                if (n == null) continue;
                Node node = n.asNode();
                row.put(v, node.isBlank() ? "_:b" : canonical(node));
            }
            out.add(row);
        }
        return out;
    }

    // One row as text, for multiset comparison: a line-free "var=value" per cell, joined by a separator no value contains.
    private static final String SEP = "\u0001";

    private static String format(Map<String, String> row) {
        StringBuilder sb = new StringBuilder();
        row.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\n", "\\n")).append(SEP));
        return sb.toString();
    }

    private static String show(List<String> rows) {
        return String.join("\n", rows).replace(SEP, "  ");
    }

    /** Numbers by value and datatype (1.0 and 1.00 from different engines' AVG are the same xsd:decimal). */
    private static String canonical(Node n) {
        if (n.isLiteral() && n.getLiteralValue() instanceof Number num && !(n.getLiteralDatatypeURI().endsWith("#string")))
            return new java.math.BigDecimal(num.toString()).stripTrailingZeros().toPlainString() + "^^number:" + n.getLiteralDatatypeURI().replaceFirst(".*#", "");
        return n.toString();
    }

    private static List<String> sorted(List<String> rows) {
        List<String> s = new ArrayList<>(rows);
        java.util.Collections.sort(s);
        return s;
    }
}
