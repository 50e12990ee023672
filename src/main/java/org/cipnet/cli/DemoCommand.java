package org.cipnet.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cipnet demo}: the embedded default. Nodes, federator and web front are not built yet; until
 * they are, the demo validates the shipped graphs, which is what everything later stands on.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the embedded default: every national node, the federator and the web front on loopback.",
            "Not built yet: for now it validates every graph in data/ and says what is missing."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        out.println("cipnet demo: national nodes, the federator and the web front are not built yet.");
        out.println("Validating the shipped graphs in data/ instead:");
        out.flush();
        var project = org.cipnet.rdf.ProjectFiles.locate();
        if (!java.nio.file.Files.isDirectory(project.data())) {
            out.println("no data/ directory yet");
            return 0;
        }
        return spec.commandLine().getParent().execute("validate", project.data().toString());
    }
}
