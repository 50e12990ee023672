package org.cipnet.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet rollback}: make a kept version a node's current graph again. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Make a kept version current again (recorded as a new version).",
            "The password comes from CIPNET_PASSWORD or the first line of standard input.",
            "Exit status: 0 rolled back, 2 the node could not be reached or refused."})
final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "URL", description = "The node's dataset URL, e.g. http://localhost:3030/no")
    String node;

    @Option(names = "--to", required = true, paramLabel = "N", description = "The version to restore.")
    int version;

    @Option(names = "--user", required = true, description = "Publisher name in the node's users file.")
    String user;

    @Override
    public Integer call() throws Exception {
        var res = new NodeClient(node, user, NodeClient.password()).post("rollback?version=" + version, null, new byte[0]);
        NodeClient.print(res, "rollback", 200, spec.commandLine().getOut(), spec.commandLine().getErr());
        return res.statusCode() == 200 ? 0 : 2;
    }
}
