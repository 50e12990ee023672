package org.cipnet.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.junit.jupiter.api.Test;

/**
 * A query from the cache is the query the parser gives, for every query of the W3C and RDF4J
 * SPARQL test suites (about 950 texts, bad ones included), and what one request changes in its
 * copy does not reach the next request.
 */
class ParsedQueriesTest {
    private static final String BASE = "http://server/unset-base/";

    @Test
    void everySuiteQueryComesBackAsTheParserGivesIt() throws Exception {
        ParsedQueries cache = new ParsedQueries(BASE);
        List<String> differ = new ArrayList<>();
        int parsed = 0, refused = 0;
        for (var e : suiteQueries()) {
            String text = e.getValue();
            Query fresh;
            try {
                fresh = QueryFactory.create(text, BASE, Syntax.syntaxARQ);
            } catch (QueryException bad) {
                refused++;
                for (int i = 0; i < 2; i++) { // never kept: refused each time, with the parser's message
                    var again = assertThrows(QueryException.class, () -> cache.parse(text), e.getKey());
                    assertEquals(bad.getMessage(), again.getMessage(), e.getKey());
                }
                continue;
            }
            parsed++;
            Query first = cache.parse(text), second = cache.parse(text);
            assertNotSame(first, second, e.getKey());
            for (Query q : List.of(first, second))
                if (!fresh.equals(q) || !fresh.serialize().equals(q.serialize()) || !fresh.getResultVars().equals(q.getResultVars())
                        || fresh.isQueryResultStar() != q.isQueryResultStar() || fresh.hasAggregators() != q.hasAggregators()
                        || fresh.queryType() != q.queryType() || fresh.hasValues() != q.hasValues())
                    differ.add(e.getKey());
        }
        assertTrue(parsed > 700 && refused > 50, parsed + " parsed, " + refused + " refused: the suites were not read");
        assertEquals(List.of(), differ.stream().distinct().toList());
    }

    @Test
    void whatARequestChangesStaysInItsCopy() {
        ParsedQueries cache = new ParsedQueries(BASE);
        String text = "PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s ex:p ?o FILTER(?o > 1) } ORDER BY ?s";
        Query first = cache.parse(text);
        first.setLimit(11);
        // The pattern itself: a request that adds to it must not reach the next.
        ((org.apache.jena.sparql.syntax.ElementGroup) first.getQueryPattern()).addElement(
                new org.apache.jena.sparql.syntax.ElementBind(org.apache.jena.sparql.core.Var.alloc("x"),
                        org.apache.jena.sparql.expr.NodeValue.makeInteger(1)));
        first.setPrefix("other", "http://example.com/");
        Query second = cache.parse(text);
        assertEquals(QueryFactory.create(text, BASE, Syntax.syntaxARQ), second);
        assertEquals(Query.NOLIMIT, second.getLimit());
    }

    /**
     * What Jena 5.6.0's copy gets wrong (a second HAVING condition copied as the first; ORDER BY
     * expressions shared with the kept query) never reaches a request: such queries come as parsed.
     */
    @Test
    void queriesJenasCopyWouldChangeComeAsParsed() {
        ParsedQueries cache = new ParsedQueries(BASE);
        for (String text : List.of(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { ?s ?p ?g } GROUP BY ?g HAVING (COUNT(*) > 1) (?g != <http://x/>)",
                "SELECT * WHERE { { SELECT ?g (SUM(?o) AS ?s) WHERE { ?x ?g ?o } GROUP BY ?g HAVING (COUNT(*) > 1) (SUM(?o) < 5) } }",
                "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT * WHERE { ?s ?p ?o } ORDER BY xsd:integer(?o)")) {
            Query fresh = QueryFactory.create(text, BASE, Syntax.syntaxARQ);
            Query first = cache.parse(text), second = cache.parse(text);
            assertEquals(fresh.serialize(), first.serialize(), text);
            assertEquals(fresh.serialize(), second.serialize(), text);
            if (fresh.getOrderBy() != null)
                assertNotSame(first.getOrderBy().get(0).getExpression(), second.getOrderBy().get(0).getExpression(), "each request its own ORDER BY: " + text);
        }
        assertTrue(ParsedQueries.copyable(QueryFactory.create("SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(*) > 1) ORDER BY ?s")));
    }

    @Test
    void longTextsAreParsedAsTheParserDoes() {
        ParsedQueries cache = new ParsedQueries(BASE);
        String text = "SELECT * { ?s ?p ?o }" + " ".repeat(ParsedQueries.MAX_TEXT);
        assertEquals(QueryFactory.create(text, BASE, Syntax.syntaxARQ), cache.parse(text));
    }

    /** Every {@code .rq} file of the SPARQL test-suite jar on the test class path, by its path there. */
    private static List<Map.Entry<String, String>> suiteQueries() throws Exception {
        URI jar = ParsedQueriesTest.class.getClassLoader().getResource("testcases-sparql-1.1-w3c/").toURI();
        List<Map.Entry<String, String>> out = new ArrayList<>();
        try (var fs = FileSystems.newFileSystem(jar, Map.of()); Stream<Path> files = Files.walk(fs.getPath("/"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".rq")).sorted().toList())
                out.add(Map.entry(p.toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8)));
        }
        return out;
    }
}
