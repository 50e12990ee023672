package org.cipnet.validation;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.engine.constraint.SparqlConstraint;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.rdf.RdfFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SPARQL constraint evaluated once for all focus nodes must report what Jena's evaluation per
 * focus node reports. Each query below is one shape's constraint on a small graph built so that
 * the two evaluations differ wherever {@code $this} would be read unbound by the query run once:
 * such a query must be left to Jena, and the report must equal Jena's either way.
 */
class AllFocusNodesTest {

    private static final String DATA = """
            @prefix ex: <http://example.org/> .
            ex:a a ex:T ; ex:p ex:x ; ex:name "a" .
            ex:b a ex:T ; ex:p ex:y .
            ex:x ex:q ex:a ; ex:name "x" .
            ex:y ex:q ex:zz .
            """;

    /** Queries run once for all focus nodes. */
    private static final Map<String, String> AT_ONCE = Map.of(
            "optional-reading-this", "SELECT $this ?x WHERE { $this ex:p ?x OPTIONAL { ?x ex:q ?z FILTER(?z = $this) } FILTER(!BOUND(?z)) }",
            "this-as-object", "SELECT DISTINCT $this ?value WHERE { ?value ex:q $this }",
            "exists-reading-this-inside", "SELECT $this ?x WHERE { $this ex:p ?x FILTER EXISTS { ?x ex:q ?z FILTER(?z = $this) } }",
            "union-binding-this-twice", "SELECT $this ?value WHERE { { $this ex:p ?value } UNION { $this ex:name ?value } }",
            "bind-after-this", "SELECT $this ?s WHERE { $this ex:p ?x BIND(STR($this) AS ?s) }");

    /** Queries where the query run once would read {@code $this} unbound (or count or cut across focus nodes). */
    private static final Map<String, String> PER_FOCUS_NODE = Map.of(
            "filter-in-inner-group", "SELECT $this WHERE { $this ex:p ?x . { ?x ex:q ?z FILTER(?z = $this) } }",
            "bind-before-this", "SELECT $this ?s WHERE { BIND(STR($this) AS ?s) $this ex:p ?x }",
            "only-in-not-exists", "SELECT $this WHERE { FILTER NOT EXISTS { $this ex:name ?n } }",
            "union-one-branch", "SELECT $this ?x WHERE { { $this ex:p ?x } UNION { ?x ex:q ?z FILTER(?z = $this) } }",
            "nested-optional", "SELECT $this ?w WHERE { $this ex:p ?x OPTIONAL { ?x ex:q ?y OPTIONAL { ?y ex:name ?w FILTER(?y = $this) } } }",
            "optional-matching-this-outside-its-left-side", "SELECT $this ?y WHERE { $this ex:p ?x { ?x ex:q ?y OPTIONAL { ?y ex:p $this } } }",
            "reduced", "SELECT REDUCED $this WHERE { $this ex:p ?x }",
            "zero-length-path", "SELECT $this WHERE { $this ex:p* ?o FILTER(?o = $this) }",
            "counts", "SELECT $this (COUNT(?x) AS ?n) WHERE { $this ex:p ?x } GROUP BY $this",
            "limit", "SELECT $this WHERE { $this ex:p ?x } LIMIT 1");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> reportEqualsJenasPerFocusNode() {
        return Stream.concat(
                AT_ONCE.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " at once", () -> check(e.getValue(), true))),
                PER_FOCUS_NODE.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " per focus node", () -> check(e.getValue(), false))));
    }

    /** The shipped shapes' SPARQL constraints all run once (README, publishing speed): a new one that cannot is seen here. */
    @org.junit.jupiter.api.Test
    void everySparqlConstraintOfTheShippedShapesRunsOnce() throws Exception {
        Graph shapesGraph = GraphFactory.createDefaultGraph();
        for (Path f : RdfFiles.collect(List.of(org.cipnet.testing.Checkout.files().shapes()))) RdfFiles.read(f, shapesGraph);
        var sparql = ShaclValidator.get().parse(shapesGraph).getTargetShapes().stream()
                .flatMap(sh -> sh.getConstraints().stream()).filter(SparqlConstraint.class::isInstance).map(SparqlConstraint.class::cast).toList();
        assertFalse(sparql.isEmpty());
        for (SparqlConstraint c : sparql) assertTrue(AllFocusNodes.of(c).isPresent(), "runs per focus node: " + c.getQuery());
    }

    private void check(String query, boolean atOnce) throws Exception {
        Path shapesFile = dir.resolve("shapes.ttl");
        // ex:ghost is a focus node that is in no triple: only a per-node evaluation pairs it with itself over a p* path.
        Files.writeString(shapesFile, """
                @prefix sh: <http://www.w3.org/ns/shacl#> .
                @prefix ex: <http://example.org/> .
                ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:targetNode ex:ghost ;
                  sh:sparql [ sh:message "{$this}: {?x} {?s} {?w} {?value} {?n}" ;
                      sh:select \"\"\"PREFIX ex: <http://example.org/>
                %s\"\"\" ] .
                """.formatted(query));
        Graph shapesGraph = RdfFiles.read(shapesFile);
        var shapes = ShaclValidator.get().parse(shapesGraph);
        var constraint = (SparqlConstraint) shapes.getTargetShapes().iterator().next().getConstraints().iterator().next();
        assertEquals(atOnce, AllFocusNodes.of(constraint).isPresent(), "evaluated at once: " + query);

        Path dataFile = dir.resolve("data.ttl");
        Files.writeString(dataFile, DATA);
        Graph data = RdfFiles.read(dataFile);
        ValidationOutcome outcome = Validator.load(List.of(shapesFile), List.of(), dir).validate(Map.of("data", data));
        Graph copy = GraphFactory.createDefaultGraph();
        data.find().forEachRemaining(copy::add);
        var expected = ValidatorByShapeTest.sorted(ShaclValidator.get().validate(shapes, copy));
        var actual = ValidatorByShapeTest.sorted(outcome.report());
        assertFalse(expected.isEmpty(), "the query finds something on the data: " + query);
        assertEquals(expected, actual, query);
    }
}
