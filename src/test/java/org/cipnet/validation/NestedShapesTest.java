package org.cipnet.validation;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.engine.constraint.ShAnd;
import org.apache.jena.shacl.engine.constraint.ShNode;
import org.apache.jena.shacl.engine.constraint.ShNot;
import org.apache.jena.shacl.engine.constraint.ShOr;
import org.apache.jena.shacl.engine.constraint.ShXone;
import org.apache.jena.shacl.parser.Constraint;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.rdf.RdfFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sh:node, sh:or, sh:and, sh:xone and sh:not checked without building a report per value must
 * report what Jena reports: the same entries (focus node, path, value, shape, component,
 * severity, message), as often. The shapes nest the five inside each other, on node shapes and on
 * property shapes, and the data has nodes that conform and nodes that fail each of them (with
 * Violations and with Warnings inside, since a Warning also makes an inner shape fail).
 */
class NestedShapesTest {

    private static final String SHAPES = """
            @prefix sh: <http://www.w3.org/ns/shacl#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            @prefix ex: <http://example.org/> .
            ex:InScheme a sh:NodeShape ; sh:property [ sh:path ex:scheme ; sh:hasValue ex:S ] .
            ex:Soft a sh:NodeShape ; sh:severity sh:Warning ; sh:property [ sh:path ex:label ; sh:minCount 1 ] .
            ex:T a sh:NodeShape ; sh:targetClass ex:Thing ;
              sh:property [ sh:path ex:kind ; sh:node ex:InScheme ; sh:message "kind not in the scheme" ] ;
              sh:property [ sh:path ex:when ; sh:or ( [ sh:datatype xsd:gYear ] [ sh:datatype xsd:date ] ) ] ;
              sh:property [ sh:path ex:part ; sh:and ( ex:InScheme ex:Soft ) ] ;
              sh:property [ sh:path ex:part ; sh:not ex:Soft ] ;
              sh:xone ( [ sh:path ex:a ; sh:minCount 1 ] [ sh:path ex:b ; sh:minCount 1 ] ) ;
              sh:or ( [ sh:path ex:kind ; sh:minCount 1 ; sh:node ex:InScheme ]
                      [ sh:path ex:part ; sh:minCount 1 ; sh:xone ( ex:InScheme [ sh:not ex:Soft ] ) ] ) .
            """;

    private static final String DATA = """
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            @prefix ex: <http://example.org/> .
            ex:k1 ex:scheme ex:S ; ex:label "k1" .
            ex:k2 ex:scheme ex:Other .
            ex:k3 ex:scheme ex:S .
            ex:ok a ex:Thing ; ex:kind ex:k1 ; ex:when "2020"^^xsd:gYear ; ex:a 1 ; ex:part ex:k3 .
            ex:badKind a ex:Thing ; ex:kind ex:k2 ; ex:when "2020-01-01"^^xsd:date ; ex:b 1 .
            ex:badWhen a ex:Thing ; ex:when "2020" ; ex:when 2020 ; ex:a 1 ; ex:b 2 .
            ex:badPart a ex:Thing ; ex:part ex:k2, ex:k1, ex:nothing .
            ex:nothing a ex:Thing .
            """;

    @TempDir
    Path dir;

    @Test
    void reportEqualsJenas() throws Exception {
        Path shapesFile = Files.writeString(dir.resolve("shapes.ttl"), SHAPES);
        Path dataFile = Files.writeString(dir.resolve("data.ttl"), DATA);
        var shapes = ShaclValidator.get().parse(RdfFiles.read(shapesFile));
        Graph data = RdfFiles.read(dataFile);

        // The rewritten shapes hold none of Jena's five constraints any more: the test compares something.
        NestedShapes nested = new NestedShapes();
        List<Constraint> left = new ArrayList<>();
        shapes.getTargetShapes().forEach(s -> jenasLogical(nested.rewrite(s), left));
        assertEquals(List.of(), left);

        ValidationOutcome outcome = Validator.load(List.of(shapesFile), List.of(), dir).validate(Map.of("data", data));
        Graph copy = GraphFactory.createDefaultGraph();
        data.find().forEachRemaining(copy::add);
        List<String> expected = ValidatorByShapeTest.sorted(ShaclValidator.get().validate(shapes, copy));
        List<String> actual = ValidatorByShapeTest.sorted(outcome.report());
        assertTrue(expected.size() >= 8, "the data fails the shapes in many ways: " + expected);
        assertEquals(expected, actual);
        assertEquals(expected.size(), outcome.findings().size());
    }

    /** Jena's own sh:node/or/and/xone/not anywhere in {@code s}. */
    private static void jenasLogical(Shape s, List<Constraint> out) {
        for (Constraint c : s.getConstraints()) {
            Class<?> k = c.getClass();
            if (k == ShNode.class || k == ShOr.class || k == ShAnd.class || k == ShXone.class || k == ShNot.class) out.add(c);
            if (c instanceof org.apache.jena.shacl.engine.constraint.ConstraintOp1 one) jenasLogical(one.getOther(), out);
            if (c instanceof org.apache.jena.shacl.engine.constraint.ConstraintOpN many) many.getOthers().forEach(o -> jenasLogical(o, out));
        }
        s.getPropertyShapes().forEach(p -> jenasLogical(p, out));
    }
}
