package org.cipnet.validation;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphOne;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.Context;
import org.junit.jupiter.api.Test;

/**
 * A query over a validation's whole data graph keeps the answers of its one- and two-variable
 * string tests per value: its rows must be Jena's plain evaluation's, as often, on data where the tests meet
 * the same value many times, unbound variables, blank nodes (whose STR() is an error), literals
 * with and without language and IRIs that pass and fail.
 */
class FilterMemoTest {

    private static final String DATA = """
            @prefix ex: <http://example.org/> .
            ex:a a ex:T ; ex:p ex:x , <javascript:alert(1)> , [ ex:q ex:a ] ; ex:name "a" , "A"@en , "b" .
            ex:b a ex:T ; ex:p ex:y , ex:x ; <file:///etc/passwd> ex:x .
            ex:x ex:q ex:a ; ex:name "x" .
            ex:y ex:q ex:zz .
            _:n ex:p <mailto:someone@example.org> ; ex:name "n"@de .
            """;

    private static final List<String> QUERIES = List.of(
            // cipsh:LinkSchemeShape's target
            """
            SELECT DISTINCT ?this WHERE { ?this ?p ?o
              FILTER((isIRI(?o) && !REGEX(STR(?o), "^(https?://[^/?#@]+([/?#].*)?|mailto:[^/?#@]+@[^/?#@]+)$", "i"))
                  || !REGEX(STR(?p), "^https?://[^/?#@]+[/?#]", "i")) }""",
            // an error for blank nodes (STR), kept and raised again
            "SELECT ?s ?o WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?o), \"http://example.org/\") || STRSTARTS(STR(?s), \"http\")) }",
            // unbound in some rows
            "SELECT ?s ?n WHERE { ?s a <http://example.org/T> OPTIONAL { ?s <http://example.org/name> ?n FILTER(REGEX(?n, \"^a\", \"i\")) } FILTER(!BOUND(?n) || !STRSTARTS(STR(?n), \"b\")) }",
            "SELECT ?s ?n WHERE { ?s <http://example.org/name> ?n FILTER(REGEX(?n, \"^[a-x]$\") && !(LANG(?n) = \"en\")) }",
            "SELECT ?s WHERE { ?s ?p ?o FILTER(!STRSTARTS(STR(?s), \"http://example.org/a\") && !STRSTARTS(STR(?s), \"http://example.org/x\")) }",
            // two variables, as cipsh:OwnershipShape tests each subject against the URI space: blank nodes (an error) and unbound ones among them
            "SELECT ?v ?sp WHERE { ?s <http://example.org/p> ?sp . ?v ?p ?o FILTER(!STRSTARTS(STR(?v), STR(?sp))) }",
            "SELECT ?s ?n WHERE { ?s ?p ?o OPTIONAL { ?s <http://example.org/name> ?n } FILTER(!BOUND(?n) || STRSTARTS(STR(?n), STR(?o)) || STRSTARTS(STR(?s), STR(?n))) }");

    @Test
    void rowsEqualJenasPlainEvaluation() {
        Graph input = GraphFactory.createDefaultGraph();
        RDFParser.create().source(new StringReader(DATA)).lang(Lang.TURTLE).parse(input);
        Graph reference = GraphFactory.createDefaultGraph();
        ConstraintEngine.install();
        for (String text : QUERIES) {
            Query q = QueryFactory.create(text);
            // The same query object twice, as a shape's query is run once per validation.
            for (int run = 0; run < 2; run++) {
                List<String> plain = rows(QueryExec.graph(input).query(q).build().select());
                List<String> memo = rows(QueryExec.graph(new ConstraintEngine.Data(reference, input)).query(q).build().select());
                assertFalse(plain.isEmpty(), text);
                assertEquals(plain, memo, text);
            }
        }
    }

    @Test
    void linkSchemeTargetKeepsBothTestsPerValue() {
        var op = FilterMemo.apply(Algebra.optimize(Algebra.compile(QueryFactory.create(QUERIES.get(0)))));
        assertEquals(2, op.toString().split("cipnet:memo", -1).length - 1, op.toString());
        // A test that reads two variables (STRSTARTS of ?value and ?space, as cipsh:OwnershipShape's) is kept per pair; one of three is not.
        var two = FilterMemo.apply(Algebra.compile(QueryFactory.create(
                "SELECT ?v WHERE { ?s <http://example.org/space> ?sp . ?v ?p ?o FILTER(!STRSTARTS(STR(?v), STR(?sp))) }")));
        assertEquals(1, two.toString().split("cipnet:memo", -1).length - 1, two.toString());
        var three = FilterMemo.apply(Algebra.compile(QueryFactory.create(
                "SELECT ?v WHERE { ?v ?p ?o FILTER(REGEX(STR(?v), STR(?p), STR(?o))) }")));
        assertFalse(three.toString().contains("cipnet:memo"), three.toString());
    }

    @Test
    void theValidationEngineEvaluatesTheKeptTests() {
        // What linkSchemeTargetKeepsBothTestsPerValue shows of FilterMemo alone, on the plan the engine
        // builds for a query on a validation's data graph (wrapped as QueryExec.graph wraps it); a query on
        // any other graph is left to Jena.
        ConstraintEngine.install();
        Graph input = GraphFactory.createDefaultGraph();
        RDFParser.create().source(new StringReader(DATA)).lang(Lang.TURTLE).parse(input);
        Query q = QueryFactory.create(QUERIES.get(0));
        assertEquals(2, memos(q, new ConstraintEngine.Data(GraphFactory.createDefaultGraph(), input)));
        assertEquals(0, memos(q, input));
    }

    /** How many kept tests the plan of {@code q} on {@code g} evaluates. */
    private static int memos(Query q, Graph g) {
        DatasetGraph dsg = DatasetGraphOne.create(g);
        Context cxt = Context.setupContextForDataset(ARQ.getContext(), dsg);
        Plan plan = QueryEngineRegistry.get().find(q, dsg, cxt).create(q, dsg, BindingFactory.root(), cxt);
        try {
            String op = plan.getOp().toString();
            return op.split("cipnet:memo", -1).length - 1;
        } finally {
            plan.close();
        }
    }

    private static List<String> rows(RowSet rows) {
        List<String> out = new ArrayList<>();
        try {
            rows.forEachRemaining(b -> out.add(b.toString()));
        } finally {
            rows.close();
        }
        // Blank node labels are the same in both (one input graph); order may differ.
        out.sort(null);
        return out;
    }
}
