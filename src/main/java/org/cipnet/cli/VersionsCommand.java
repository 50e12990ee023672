package org.cipnet.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet versions}: list a node's published versions. */
@Command(name = "versions", mixinStandardHelpOptions = true,
        description = {"List a node's published versions: number, time, publisher, triples, added, removed, note.",
            "Exit status: 0 listed, 2 the node could not be reached or refused."})
final class VersionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "URL", description = "The node's dataset URL, e.g. http://localhost:3030/no")
    String node;

    @Override
    public Integer call() throws Exception {
        var res = new NodeClient(node, null, null).get("versions");
        NodeClient.print(res, "versions", 200, spec.commandLine().getOut(), spec.commandLine().getErr());
        return res.statusCode() == 200 ? 0 : 2;
    }
}
