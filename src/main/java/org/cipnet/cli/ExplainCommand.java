package org.cipnet.cli;

import picocli.CommandLine.Command;

/** {@code cipnet explain}: the federator's plan for a query and what each member did. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show the federator's plan for a query (a .rq file or the text): which member gets which subquery,",
            "what was pushed down, then per member: requests, rows, bytes and time."})
final class ExplainCommand extends QueryCommand {
    @Override
    boolean explain() { return true; }
}
