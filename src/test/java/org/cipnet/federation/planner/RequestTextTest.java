package org.cipnet.federation.planner;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.SortCondition;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.AggregatorFactory;
import org.apache.jena.sparql.graph.NodeTransformLib;
import org.cipnet.federation.members.MemberCatalog;
import org.junit.jupiter.api.Test;

/**
 * Requests as members receive them: parsed back with Jena's parser, each is the algebra it was
 * meant to be (written here as the SPARQL one would write by hand), names read back to the star's
 * own variables, blank nodes as {@code <_:label>}.
 */
class RequestTextTest {
    private static final Var S = Var.alloc("s"), O = Var.alloc("o"), X = Var.alloc("x");
    private static final String REF = MemberCatalog.REFERENCE_GRAPH;

    /** The star a pushed-down service would carry for this pattern. */
    private static Star star(String pattern) {
        Star s = Star.of(Algebra.compile(QueryFactory.create("SELECT * WHERE " + pattern)));
        assertNotNull(s, pattern);
        return s;
    }

    private static Op parsed(String text, Syntax syntax) {
        return Algebra.compile(QueryFactory.create(text, syntax));
    }

    private static Op intended(String sparql) {
        return Algebra.compile(QueryFactory.create(sparql, Syntax.syntaxARQ));
    }

    @Test
    void aBindJoinCarriesItsRowsInValuesWithUndefAndBlankNodesByLabel() {
        Star star = star("{ ?s <http://ex/p> ?o OPTIONAL { ?s <http://ex/q> ?x FILTER(?x > 1) } }");
        Node blank = NodeFactory.createBlankNode("b0member");
        // Input rows bind more than the join variables: only those travel.
        Binding first = Binding.builder().add(S, NodeFactory.createURI("http://ex/a")).add(O, NodeValue.makeInteger(1).asNode())
                .add(Var.alloc("elsewhere"), NodeFactory.createURI("http://ex/e")).build();
        List<Binding> rows = List.of(first, BindingFactory.binding(S, blank));
        RequestText.Request r = RequestText.select(star, List.of(S, O), rows);
        assertTrue(r.text().contains("<_:b0member>"), r.text());
        assertTrue(r.text().contains("UNDEF"), r.text());
        assertEquals(intended("SELECT ?s ?o ?x WHERE { VALUES (?s ?o) { (<http://ex/a> 1) (<_:b0member> UNDEF) } "
                + "{ ?s <http://ex/p> ?o OPTIONAL { ?s <http://ex/q> ?x FILTER(?x > 1) } } }"), parsed(r.text(), Syntax.syntaxARQ), r.text());
        Query q = QueryFactory.create(r.text(), Syntax.syntaxARQ);
        assertTrue(q.getPrefixMapping().getNsPrefixMap().isEmpty(), "no prefixes: " + r.text());
        assertEquals(Map.of("s", S, "o", O, "x", X), r.vars());
    }

    /**
     * A star about ?s with a union that reaches ?s from ?o (a path of alternatives folded in): with
     * VALUES for ?o, which only the union binds, the union comes first, so that a member looks ?s up
     * by the union's rows instead of matching the star's triples whole for each VALUES row; asked
     * without values, the star's triples come first as before.
     */
    @Test
    void aUnionThatTheValuesBindComesFirst() {
        Star star = Star.of(Algebra.compile(QueryFactory.create("SELECT * WHERE { ?s ?p ?x { ?s <http://ex/a> ?o } UNION { ?s <http://ex/b> ?o } }")));
        assertNotNull(star);
        assertFalse(star.unions().isEmpty(), star.toString());
        RequestText.Request bound = RequestText.select(star, List.of(O), List.of(BindingFactory.binding(O, NodeFactory.createURI("http://ex/c"))));
        assertEquals(intended("SELECT ?s ?p ?x ?o WHERE { VALUES ?o { <http://ex/c> } { { ?s <http://ex/a> ?o } UNION { ?s <http://ex/b> ?o } ?s ?p ?x } }"),
                parsed(bound.text(), Syntax.syntaxARQ), bound.text());
        RequestText.Request open = RequestText.select(star, List.of(), List.of());
        assertEquals(intended("SELECT ?s ?p ?x ?o WHERE { ?s ?p ?x { ?s <http://ex/a> ?o } UNION { ?s <http://ex/b> ?o } }"),
                parsed(open.text(), Syntax.syntaxARQ), open.text());
    }

    @Test
    void theBlankNodeParsesBackAsTheSameBlankNode() {
        Node blank = NodeFactory.createBlankNode("labelFromAMember");
        RequestText.Request r = RequestText.select(star("{ ?s <http://ex/p> ?o }"), List.of(S), List.of(BindingFactory.binding(S, blank)));
        var table = ((org.apache.jena.sparql.algebra.op.OpJoin) ((OpProject) parsed(r.text(), Syntax.syntaxARQ)).getSubOp()).getLeft();
        Node back = ((org.apache.jena.sparql.algebra.op.OpTable) table).getTable().rows().next().get(S);
        assertTrue(back.isBlank(), r.text());
        assertEquals("labelFromAMember", back.getBlankNodeLabel());
    }

    @Test
    void variablesSparqlCannotSpellGetPlainAliasesReadBack() {
        // [] in a pattern is ARQ's variable ??0; a name the star already uses is not taken as an alias.
        Star star = star("{ ?cipv0 <http://ex/p> [] }");
        Var hidden = star.vars().stream().filter(v -> !v.getVarName().equals("cipv0")).findFirst().orElseThrow();
        RequestText.Request r = RequestText.select(star, List.of(), List.of());
        Query q = QueryFactory.create(r.text(), Syntax.syntaxSPARQL_11);
        assertEquals(List.of("cipv0", "cipv1"), q.getResultVars(), r.text());
        assertEquals(Map.of("cipv0", Var.alloc("cipv0"), "cipv1", hidden), r.vars());
        Op expected = NodeTransformLib.transform(n -> n.equals(hidden) ? Var.alloc("cipv1") : n, new OpProject(star.op(), List.of(Var.alloc("cipv0"), hidden)));
        assertEquals(expected, parsed(r.text(), Syntax.syntaxSPARQL_11), r.text());
    }

    @Test
    void aTopKStarOrdersThenLimitsTheWholePattern() {
        Star plain = star("{ ?s <http://ex/p> ?o { ?o <http://ex/q> ?x } UNION { GRAPH <" + REF + "> { ?o <http://ex/q> ?x } } }");
        assertEquals(1, plain.lookups().size());
        Star top = Star.of(new OpTopN(plain.op(), 3, List.of(new SortCondition(new ExprVar(X), Query.ORDER_DESCENDING), new SortCondition(S, Query.ORDER_ASCENDING))));
        RequestText.Request r = RequestText.select(top, List.of(), List.of());
        Query q = QueryFactory.create(r.text(), Syntax.syntaxSPARQL_11);
        assertEquals(3, q.getLimit(), r.text());
        assertEquals(intended("SELECT ?s ?o ?x WHERE { ?s <http://ex/p> ?o { ?o <http://ex/q> ?x } UNION { GRAPH <" + REF + "> { ?o <http://ex/q> ?x } } } "
                + "ORDER BY DESC(?x) ASC(?s) LIMIT 3"), parsed(r.text(), Syntax.syntaxSPARQL_11), r.text());
    }

    @Test
    void aDistinctStarAsksForItsDistinctProjection() {
        Star base = star("{ ?s <http://ex/p> ?o FILTER(?o != \"a\") }");
        Star distinct = Star.of(new OpDistinct(new OpProject(base.op(), List.of(O))));
        RequestText.Request r = RequestText.select(distinct, List.of(), List.of());
        assertEquals(intended("SELECT DISTINCT ?o WHERE { ?s <http://ex/p> ?o FILTER(?o != \"a\") }"), parsed(r.text(), Syntax.syntaxSPARQL_11), r.text());
        assertEquals(Map.of("o", O), r.vars());
    }

    @Test
    void groupedPartialAggregatesAreNamedAsThePlannerNamedThem() {
        Star star = star("{ ?s <http://ex/p> ?o { ?s <http://ex/q> ?x } UNION { ?s <http://ex/r> ?x } }");
        assertEquals(1, star.unions().size());
        Var c = Var.alloc("cipagg0"), m = Var.alloc("cipagg1");
        RequestText.Request r = RequestText.grouped(star, List.of(S), List.of(new ExprAggregator(c, AggregatorFactory.createCount(false)),
                new ExprAggregator(m, AggregatorFactory.createMin(false, new ExprVar(O)))));
        assertEquals(intended("SELECT ?s (COUNT(*) AS ?cipagg0) (MIN(?o) AS ?cipagg1) WHERE { ?s <http://ex/p> ?o { ?s <http://ex/q> ?x } UNION { ?s <http://ex/r> ?x } } GROUP BY ?s"),
                parsed(r.text(), Syntax.syntaxSPARQL_11), r.text());
        assertEquals(Map.of("s", S, "cipagg0", c, "cipagg1", m), r.vars());

        RequestText.Request all = RequestText.grouped(star, List.of(), List.of(new ExprAggregator(c, AggregatorFactory.createCount(false))));
        assertEquals(intended("SELECT (COUNT(*) AS ?cipagg0) WHERE { ?s <http://ex/p> ?o { ?s <http://ex/q> ?x } UNION { ?s <http://ex/r> ?x } }"),
                parsed(all.text(), Syntax.syntaxSPARQL_11), all.text());
    }

    /**
     * A union of stars about different subjects is one request: every branch, all their variables,
     * and a branch's variable SPARQL cannot spell aliased as it would be in the branch's own request.
     */
    @Test
    void aUnionOfStarsIsOneRequestWithEveryBranchsVariables() {
        Var hidden = Var.alloc("?hidden");
        Star a = star("{ ?s <http://ex/p> ?o }");
        Star b = Star.of(NodeTransformLib.transform(n -> n.equals(O) ? hidden : n, star("{ ?o <http://ex/q> ?s FILTER(?o != ?s) }").op()));
        RequestText.Request r = RequestText.union(List.of(a, b));
        assertEquals(intended("SELECT ?s ?o ?cipv0 WHERE { { ?s <http://ex/p> ?o } UNION { ?cipv0 <http://ex/q> ?s FILTER(?cipv0 != ?s) } }"),
                parsed(r.text(), Syntax.syntaxSPARQL_11), r.text());
        assertEquals(Map.of("s", S, "o", O, "cipv0", hidden), r.vars());
        assertEquals(RequestText.select(a, List.of(), List.of()), RequestText.union(List.of(a)), "one branch is its own request");
    }

    /** A union branch's constant BIND travels with the branch, its variable among the answer's. */
    @Test
    void aBranchBindsItsConstantInTheRequest() {
        Star star = star("{ ?s <http://ex/p> ?o { ?s <http://ex/q> ?x BIND(\"q\" AS ?how) } UNION { ?s <http://ex/r> ?x BIND(\"r\" AS ?how) } }");
        assertEquals(Map.of(Var.alloc("how"), NodeFactory.createLiteralString("q")), star.unions().get(0).branches().get(0).binds());
        RequestText.Request r = RequestText.select(star, List.of(), List.of());
        assertEquals(intended("SELECT ?s ?o ?x ?how WHERE { ?s <http://ex/p> ?o { ?s <http://ex/q> ?x BIND(\"q\" AS ?how) } UNION { ?s <http://ex/r> ?x BIND(\"r\" AS ?how) } }"),
                parsed(r.text(), Syntax.syntaxSPARQL_11), r.text());
    }
}
