package org.cipnet.validation;

import java.util.List;

import org.apache.jena.shacl.ValidationReport;

/**
 * The result of validating a set of inputs. {@link #passes()} is the gate: it is true when there is
 * no Violation (warnings pass), unlike {@link ValidationReport#conforms()}, which fails on any
 * result.
 */
public record ValidationOutcome(List<Finding> findings, ValidationReport report, List<String> files, long triples,
                                long millis) {

    public boolean passes() {
        return violations() == 0;
    }

    public long violations() {
        return count(Finding.Severity.VIOLATION);
    }

    public long warnings() {
        return count(Finding.Severity.WARNING);
    }

    private long count(Finding.Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }
}
