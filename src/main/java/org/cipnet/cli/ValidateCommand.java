package org.cipnet.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.jena.riot.Lang;
import org.cipnet.rdf.ProjectFiles;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.rdf.RdfInputException;
import org.cipnet.validation.ReportWriter;
import org.cipnet.validation.ValidationOutcome;
import org.cipnet.validation.Validator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet validate}: SHACL-validate files against the shared shapes. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Validate RDF files against the cipnet shapes (shapes/), together with the shared reference graph "
                + "(ontology/cipnet.ttl and ontology/vocab/).",
            "Reads every format Jena or RDF4J Rio reads, chosen by file extension: " + RdfFiles.KNOWN_EXTENSIONS + ".",
            "Exit status: 0 no Violation (warnings are shown but pass), 1 one or more Violations, "
                + "2 unreadable input (missing file, empty directory, syntax error: file, line and column are named)."
        })
final class ValidateCommand implements Callable<Integer> {

    enum Format { text, turtle, json }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "RDF files, or directories searched recursively; all of them together are one publication.")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "text",
            description = "Report format: text (grouped by focus node), turtle (the W3C SHACL report) or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--shapes", paramLabel = "DIR",
            description = "Validate against the shapes in DIR instead of the checkout's shapes/.")
    Path shapes;

    @Override
    public Integer call() throws RdfInputException {
        var out = spec.commandLine().getOut();
        ProjectFiles project = ProjectFiles.locate();
        List<Path> files = RdfFiles.collect(inputs);
        List<Path> shapeFiles = shapes == null ? project.shapeFiles() : RdfFiles.collect(List.of(shapes));
        Validator validator = Validator.load(shapeFiles, project.referenceFiles(), project.home());
        ValidationOutcome outcome = validator.validateFiles(files);
        out.print(switch (format) {
            case text -> ReportWriter.text(outcome);
            case json -> ReportWriter.json(outcome);
            case turtle -> ReportWriter.rdf(outcome, Lang.TURTLE);
        });
        out.flush();
        if (outcome.triples() == 0) {
            var err = spec.commandLine().getErr();
            err.println("note: no triples; a node refuses to publish this (it would empty the national graph) unless told to: cipnet publish --allow-empty");
            err.flush();
        }
        return outcome.passes() ? 0 : 1;
    }
}
