package org.cipnet.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.engine.constraint.SparqlConstraint;
import org.apache.jena.shacl.parser.Constraint;
import org.apache.jena.shacl.parser.NodeShape;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.VLib;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.PathWriter;
import org.apache.jena.sparql.util.FmtUtils;
import org.cipnet.rdf.ProjectFiles;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.rdf.RdfInputException;
import org.cipnet.vocab.Prefixes;

/**
 * Validates RDF against the cipnet shapes. The data graph is the inputs plus the reference graph,
 * so that vocabulary-membership and level-duration rules can read the code lists; findings on the
 * reference graph itself are reported like any other. Thread-safe: shapes and reference are read
 * once and never changed.
 */
public final class Validator {
    private final Shapes shapes;
    private final List<TargetShape> targetShapes;
    private final Graph reference;
    private final Map<Node, Set<String>> referenceSources;

    static {
        ConstraintEngine.install();
    }

    private Validator(Shapes shapes, Graph reference, Map<Node, Set<String>> referenceSources) {
        this.shapes = shapes;
        NestedShapes nested = new NestedShapes();
        this.targetShapes = shapes.getTargetShapes().stream().map(nested::rewrite).map(TargetShape::of).toList();
        this.reference = reference;
        this.referenceSources = referenceSources;
    }

    /** Loads shapes and reference graph from the checkout. */
    public static Validator load(ProjectFiles project) throws RdfInputException {
        return load(project.shapeFiles(), project.referenceFiles(), project.home());
    }

    /** Loads from explicit shape and reference files; file names in reports are relative to {@code base}. */
    public static Validator load(List<Path> shapeFiles, List<Path> referenceFiles, Path base) throws RdfInputException {
        Graph shapesGraph = GraphFactory.createDefaultGraph();
        for (Path f : shapeFiles) RdfFiles.read(f, shapesGraph);
        Graph reference = GraphFactory.createDefaultGraph();
        Map<Node, Set<String>> sources = new HashMap<>();
        for (Path f : referenceFiles) {
            Graph g = RdfFiles.read(f);
            index(g, display(f, base), sources);
            g.find().forEachRemaining(reference::add);
        }
        Shapes shapes;
        try {
            shapes = ShaclValidator.get().parse(shapesGraph);
        } catch (RuntimeException e) {
            throw new RdfInputException("the shapes in " + shapeFiles + " are not valid SHACL: " + e.getMessage());
        }
        return new Validator(shapes, reference, sources);
    }

    /** The reference graph (ontology + vocabularies); callers must not modify it. */
    public Graph reference() {
        return reference;
    }

    /** Reads and validates files; file names in the report are shown as given. */
    public ValidationOutcome validateFiles(List<Path> files) throws RdfInputException {
        Map<String, Graph> inputs = new LinkedHashMap<>();
        for (Path f : files) inputs.put(f.toString(), RdfFiles.read(f));
        return validate(inputs);
    }

    /** Validates named input graphs (name = the file or upload the triples came from). */
    public ValidationOutcome validate(Map<String, Graph> inputs) {
        long start = System.nanoTime();
        Graph input;
        if (inputs.size() == 1) input = inputs.values().iterator().next();
        else {
            input = GraphFactory.createDefaultGraph();
            for (Graph g : inputs.values()) g.find().forEachRemaining(input::add);
        }
        Graph data = new ConstraintEngine.Data(reference, input);
        long triples = 0;
        for (Graph g : inputs.values()) triples += g.size();
        // The files a focus node came from, looked up for the reported nodes only, not indexed for every subject.
        Function<Node, List<String>> files = focus -> {
            List<String> out = new ArrayList<>(referenceSources.getOrDefault(focus, Set.of()));
            inputs.forEach((name, g) -> { if (g.contains(focus, Node.ANY, Node.ANY) && !out.contains(name)) out.add(name); });
            return List.copyOf(out);
        };
        List<ReportEntry> entries = validateByShape(data);
        List<Finding> findings = new ArrayList<>();
        for (ReportEntry entry : entries) findings.add(toFinding(entry, data, files));
        findings.sort(Comparator.comparing((Finding f) -> f.severity().ordinal())
                .thenComparing(f -> f.files().isEmpty() ? "" : f.files().get(0))
                .thenComparing(Finding::focusNode).thenComparing(Finding::path));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ValidationOutcome(List.copyOf(findings), () -> report(entries), List.copyOf(inputs.keySet()), triples, millis);
    }

    /**
     * What {@code ShaclValidator.validate} reports, with the target shapes validated side by side:
     * each shape's focus nodes are checked in a validation context of its own (Jena's plain
     * validation does the same, one shape after the other), on the data graph only read meanwhile,
     * and the entries are then put in one list ({@link #report} makes them one report). SHACL is
     * most of a publication's time, and the shapes do not depend on each other's results.
     */
    private List<ReportEntry> validateByShape(Graph data) {
        return targetShapes.parallelStream().flatMap(target -> target.validate(shapes, data).stream()).toList();
    }

    private static ValidationReport report(List<ReportEntry> entries) {
        ValidationReport.Builder all = ValidationReport.create();
        entries.forEach(all::addReportEntry);
        return all.build();
    }

    /**
     * A target shape as it is validated: the SPARQL constraints that can be evaluated for all focus
     * nodes at once ({@link AllFocusNodes}) are, and the rest of the shape (its other constraints,
     * its property shapes) is validated focus node by focus node, as Jena does.
     *
     * @param perFocusNode the shape without the constraints in {@code atOnce} (the shape itself when there are none)
     */
    private record TargetShape(Shape shape, Shape perFocusNode, List<AllFocusNodes> atOnce) {
        static TargetShape of(Shape shape) {
            if (!(shape instanceof NodeShape)) return new TargetShape(shape, shape, List.of());
            List<AllFocusNodes> atOnce = new ArrayList<>();
            List<Constraint> rest = new ArrayList<>();
            for (Constraint c : shape.getConstraints()) {
                var once = c instanceof SparqlConstraint s ? AllFocusNodes.of(s) : java.util.Optional.<AllFocusNodes>empty();
                if (once.isPresent()) atOnce.add(once.get());
                else rest.add(c);
            }
            if (atOnce.isEmpty()) return new TargetShape(shape, shape, List.of());
            Shape perFocusNode = NestedShapes.withConstraints(shape, rest, shape.getPropertyShapes());
            return new TargetShape(shape, perFocusNode, List.copyOf(atOnce));
        }

        /** The shape's report entries; a shape without focus nodes reports nothing, so it gets no context (and no empty report) of its own. */
        Collection<ReportEntry> validate(Shapes shapes, Graph data) {
            Collection<Node> focus = VLib.focusNodes(data, shape);
            if (focus.isEmpty()) return List.of();
            ValidationContext cxt = ValidationContext.create(shapes, data);
            for (Node f : focus) VLib.validateShape(cxt, data, perFocusNode, f);
            for (AllFocusNodes c : atOnce) c.validate(cxt, data, shape, focus);
            return cxt.generateReport().getEntries();
        }
    }

    private static void index(Graph g, String name, Map<Node, Set<String>> sources) {
        g.find().forEachRemaining(t -> sources.computeIfAbsent(t.getSubject(), k -> new LinkedHashSet<>()).add(name));
    }

    private static String display(Path f, Path base) {
        try {
            return base.toAbsolutePath().relativize(f.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return f.toString();
        }
    }

    private static Finding toFinding(ReportEntry e, Graph data, Function<Node, List<String>> sources) {
        PrefixMapping pm = Prefixes.mapping();
        Node focus = e.focusNode();
        String path = e.resultPath() == null ? "" : PathWriter.asString(e.resultPath(), new Prologue(pm));
        String value = e.value() == null ? "" : FmtUtils.stringForNode(e.value(), pm);
        String component = e.sourceConstraintComponent() == null ? "" : pm.shortForm(e.sourceConstraintComponent().getURI());
        String shape = e.source() == null ? "" : FmtUtils.stringForNode(e.source(), pm);
        String message = e.message() == null ? "" : e.message();
        List<String> files = sources.apply(focus);
        return new Finding(severity(e.severity()), describe(focus, data, pm), path, value, message, component, shape, files);
    }

    private static Finding.Severity severity(Severity s) {
        if (Severity.Violation.equals(s)) return Finding.Severity.VIOLATION;
        if (Severity.Warning.equals(s)) return Finding.Severity.WARNING;
        return Finding.Severity.INFO;
    }

    /** IRIs as they are; a blank node by the triple that points to it, since its label means nothing to a person. */
    private static String describe(Node focus, Graph data, PrefixMapping pm) {
        if (focus.isURI()) return focus.getURI();
        if (!focus.isBlank()) return FmtUtils.stringForNode(focus, pm);
        var it = data.find(Node.ANY, Node.ANY, focus);
        try {
            while (it.hasNext()) {
                Triple t = it.next();
                String owner = t.getSubject().isURI() ? "<" + t.getSubject().getURI() + ">"
                        : describe(t.getSubject(), data, pm);
                return "[] (the " + FmtUtils.stringForNode(t.getPredicate(), pm) + " of " + owner + ")";
            }
        } finally {
            it.close();
        }
        return "[] (a blank node)";
    }
}
