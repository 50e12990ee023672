package org.cipnet.validation;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.testing.Checkout;
import org.junit.jupiter.api.Test;

/**
 * The validator checks the target shapes side by side; its report must hold exactly the entries
 * of Jena's own validation, one shape after the other, of the same data graph.
 */
class ValidatorByShapeTest {

    @Test
    void reportEqualsJenasSequentialValidation() throws Exception {
        var project = Checkout.files();
        Graph shapesGraph = GraphFactory.createDefaultGraph();
        for (Path f : project.shapeFiles()) RdfFiles.read(f, shapesGraph);
        var shapes = ShaclValidator.get().parse(shapesGraph);

        // All the shipped data plus every violating shape case, so that many shapes report something.
        Graph input = GraphFactory.createDefaultGraph();
        for (Path f : RdfFiles.collect(List.of(project.data()))) RdfFiles.read(f, input);
        try (Stream<Path> cases = Files.list(project.home().resolve("src/test/resources/shape-cases"))) {
            for (Path c : cases.sorted().toList()) RdfFiles.read(c.resolve("invalid.ttl"), input);
        }
        ValidationOutcome outcome = Checkout.validator().validate(Map.of("input", input));

        Graph data = GraphFactory.createDefaultGraph();
        Checkout.validator().reference().find().forEachRemaining(data::add);
        input.find().forEachRemaining(data::add);
        ValidationReport sequential = ShaclValidator.get().validate(shapes, data);

        assertTrue(outcome.violations() > 20, "the shape cases are reported: " + outcome.violations() + " violations");
        List<String> expected = sorted(sequential), actual = sorted(outcome.report());
        assertEquals(List.of(), missing(expected, actual), "entries Jena reports that the validator does not");
        assertEquals(List.of(), missing(actual, expected), "entries the validator reports that Jena does not");
        assertEquals(expected, actual, "the same entries, as often");
    }

    static List<String> missing(List<String> from, List<String> in) {
        var have = new java.util.HashSet<>(in);
        return from.stream().filter(e -> !have.contains(e)).distinct().limit(5).toList();
    }

    static List<String> sorted(ValidationReport r) {
        return r.getEntries().stream().map(ValidatorByShapeTest::key).sorted().toList();
    }

    private static String key(ReportEntry e) {
        // A property shape is a blank node, labelled anew by each parse of the shapes: its path and message name it.
        String shape = e.source().isBlank() ? "[]" : e.source().toString();
        return e.focusNode() + " | " + e.resultPath() + " | " + e.value() + " | " + shape + " | "
                + e.sourceConstraintComponent() + " | " + e.severity().level() + " | " + e.message();
    }
}
