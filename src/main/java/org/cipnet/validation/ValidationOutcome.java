package org.cipnet.validation;

import java.util.List;
import java.util.function.Supplier;

import org.apache.jena.shacl.ValidationReport;

/**
 * The result of validating a set of inputs. {@link #passes()} is the gate: it is true when there is
 * no Violation (warnings pass), unlike {@link ValidationReport#conforms()}, which fails on any
 * result.
 *
 * @param reportSource builds the SHACL report, an RDF model of every finding; asked only by
 *                     {@link #report()}, once: the gate itself needs the findings alone, and
 *                     building the model was a twentieth of a publication's SHACL time
 */
public record ValidationOutcome(List<Finding> findings, Supplier<ValidationReport> reportSource, List<String> files, long triples,
                                long millis) {

    public ValidationOutcome {
        reportSource = once(reportSource);
    }

    /** The SHACL validation report (built on the first call). */
    public ValidationReport report() {
        return reportSource.get();
    }

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

    private static Supplier<ValidationReport> once(Supplier<ValidationReport> build) {
        return new Supplier<>() {
            private ValidationReport report;

            @Override
            public synchronized ValidationReport get() {
                if (report == null) report = build.get();
                return report;
            }
        };
    }
}
