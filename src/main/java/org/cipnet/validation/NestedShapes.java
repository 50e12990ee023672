package org.cipnet.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.engine.constraint.ShAnd;
import org.apache.jena.shacl.engine.constraint.ShNode;
import org.apache.jena.shacl.engine.constraint.ShNot;
import org.apache.jena.shacl.engine.constraint.ShOr;
import org.apache.jena.shacl.engine.constraint.ShXone;
import org.apache.jena.shacl.parser.Constraint;
import org.apache.jena.shacl.parser.NodeShape;
import org.apache.jena.shacl.parser.PropertyShape;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.ReportItem;
import org.apache.jena.shacl.validation.ValidationProc;

/**
 * The shapes with their {@code sh:node}, {@code sh:or}, {@code sh:and}, {@code sh:xone} and
 * {@code sh:not} constraints checked without building a report. Jena decides whether a value
 * conforms to an inner shape by validating it in a context of its own and then generating that
 * context's report, an RDF model, only to ask whether it is empty: for the observations' unit,
 * indicator and period checks that was a tenth of a publication's SHACL time. The context already
 * knows whether anything was reported ({@link ValidationContext#hasViolation()} is true from the
 * first report entry on, of any severity, and every entry goes through it), which is exactly what
 * the report's {@code conforms()} answers. When a value does not conform, Jena's own constraint
 * is asked (it validates the inner shapes again), so the report entry and its message are Jena's;
 * only the answer "conforms" is reached sooner.
 */
final class NestedShapes {
    private final Map<Shape, Shape> rewritten = new IdentityHashMap<>();
    private final Set<Shape> underway = Collections.newSetFromMap(new IdentityHashMap<>());

    /** {@code shape} and the shapes it reaches, with the logical constraints replaced; each shape rewritten once. */
    Shape rewrite(Shape shape) {
        Shape done = rewritten.get(shape);
        if (done != null) return done;
        // A shape that reaches itself (SHACL leaves recursion undefined) keeps Jena's constraints on the way back.
        if (!underway.add(shape)) return shape;
        List<Constraint> constraints = new ArrayList<>();
        boolean changed = false;
        for (Constraint c : shape.getConstraints()) {
            Constraint r = constraint(c);
            changed |= r != c;
            constraints.add(r);
        }
        List<PropertyShape> properties = new ArrayList<>();
        for (PropertyShape p : shape.getPropertyShapes()) {
            Shape r = rewrite(p);
            changed |= r != p;
            properties.add((PropertyShape) r);
        }
        Shape out = !changed ? shape : withConstraints(shape, constraints, properties);
        underway.remove(shape);
        rewritten.put(shape, out);
        return out;
    }

    /** The shape as it is, with these constraints and property shapes instead of its own. */
    static Shape withConstraints(Shape shape, List<Constraint> constraints, java.util.Collection<PropertyShape> properties) {
        return shape instanceof PropertyShape p
                ? new PropertyShape(p.getShapeGraph(), p.getShapeNode(), p.deactivated(), p.getSeverity(), p.getMessages(),
                        p.getTargets(), p.getPath(), constraints, new ArrayList<>(properties))
                : new NodeShape(shape.getShapeGraph(), shape.getShapeNode(), shape.deactivated(), shape.getSeverity(),
                        shape.getMessages(), shape.getTargets(), constraints, properties);
    }

    private Constraint constraint(Constraint c) {
        // Exactly Jena's classes: a subclass may validate differently.
        if (c.getClass() == ShNode.class) return new Node1(rewrite(((ShNode) c).getOther()));
        if (c.getClass() == ShNot.class) return new Not(rewrite(((ShNot) c).getOther()));
        if (c.getClass() == ShOr.class) return new Or(rewrite(((ShOr) c).getOthers()));
        if (c.getClass() == ShAnd.class) return new And(rewrite(((ShAnd) c).getOthers()));
        if (c.getClass() == ShXone.class) return new Xone(rewrite(((ShXone) c).getOthers()));
        return c;
    }

    private List<Shape> rewrite(List<Shape> shapes) {
        return shapes.stream().map(this::rewrite).toList();
    }

    /** Whether {@code node} conforms to {@code shape}: validated as Jena does, in a context of its own. */
    private static boolean conforms(ValidationContext cxt, Graph data, Shape shape, Node node) {
        ValidationContext inner = ValidationContext.create(cxt);
        ValidationProc.execValidateShape(inner, data, shape, node);
        return !inner.hasViolation();
    }

    private static final class Node1 extends ShNode {
        Node1(Shape other) { super(other); }

        @Override
        public ReportItem validate(ValidationContext cxt, Graph data, Node node) {
            return conforms(cxt, data, other, node) ? null : super.validate(cxt, data, node);
        }
    }

    private static final class Not extends ShNot {
        Not(Shape other) { super(other); }

        @Override
        public ReportItem validate(ValidationContext cxt, Graph data, Node node) {
            return !conforms(cxt, data, other, node) ? null : super.validate(cxt, data, node);
        }
    }

    private static final class Or extends ShOr {
        Or(List<Shape> others) { super(others); }

        @Override
        public ReportItem validate(ValidationContext cxt, Graph data, Node node) {
            for (Shape s : others) if (conforms(cxt, data, s, node)) return null;
            return super.validate(cxt, data, node);
        }
    }

    private static final class And extends ShAnd {
        And(List<Shape> others) { super(others); }

        @Override
        public ReportItem validate(ValidationContext cxt, Graph data, Node node) {
            for (Shape s : others) if (!conforms(cxt, data, s, node)) return super.validate(cxt, data, node);
            return null;
        }
    }

    private static final class Xone extends ShXone {
        Xone(List<Shape> others) { super(others); }

        @Override
        public ReportItem validate(ValidationContext cxt, Graph data, Node node) {
            int conforming = 0;
            for (Shape s : others) if (conforms(cxt, data, s, node)) conforming++;
            return conforming == 1 ? null : super.validate(cxt, data, node);
        }
    }
}
