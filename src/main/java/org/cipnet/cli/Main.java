package org.cipnet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code cipnet} executable. */
@Command(name = "cipnet", mixinStandardHelpOptions = true, version = "cipnet 0.1.0",
        description = "Federated linked-data knowledge base of the Nordic-Baltic Cluster Information Point network.",
        subcommands = {DemoCommand.class, ValidateCommand.class, NodeCommand.class, PublishCommand.class,
            VersionsCommand.class, RollbackCommand.class, PasswdCommand.class, FederateCommand.class, QueryCommand.class, ExplainCommand.class, GenerateCommand.class, BenchCommand.class, LinkCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
