package org.cipnet.validation;

import java.util.List;

/**
 * One entry of a validation report, flattened for people and JSON: which node, what is wrong, where
 * it came from.
 *
 * @param severity  Violation, Warning or Info
 * @param focusNode the focus node as an IRI, or a readable description of a blank node
 * @param path      the property path in prefixed form, or empty
 * @param value     the offending value in prefixed/Turtle form, or empty
 * @param message   the shape's message
 * @param component the constraint component, e.g. {@code sh:MinCountConstraintComponent}
 * @param shape     the shape that reported it
 * @param files     the source files in which the focus node is a subject
 */
public record Finding(Severity severity, String focusNode, String path, String value, String message,
                      String component, String shape, List<String> files) {

    public enum Severity {
        VIOLATION("Violation"), WARNING("Warning"), INFO("Info");

        private final String label;

        Severity(String label) { this.label = label; }

        public String label() { return label; }
    }
}
