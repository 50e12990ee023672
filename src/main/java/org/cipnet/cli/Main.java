package org.cipnet.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code cipnet} executable. */
@Command(name = "cipnet", mixinStandardHelpOptions = true, version = "cipnet 0.1.0",
        description = "Federated linked-data knowledge base of the Nordic-Baltic Cluster Information Point network.",
        subcommands = {DemoCommand.class, ValidateCommand.class, NodeCommand.class, PublishCommand.class,
            VersionsCommand.class, RollbackCommand.class, PasswdCommand.class, FederateCommand.class, QueryCommand.class, ExplainCommand.class, GenerateCommand.class, BenchCommand.class, LinkCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /**
     * The exit status of a command that could not reach a server or read its answer, or could not
     * read its RDF input (a file, a directory, the project's shapes or ontology); the one-line
     * message names what and where.
     */
    static final int NOT_READ = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        int exit = cl.execute(args);
        // Commands print without a final newline-flush; nothing they wrote may be lost at exit.
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(exit);
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            if (!(e instanceof org.cipnet.rdf.RdfInputException || e instanceof java.io.IOException
                    || e instanceof java.nio.channels.UnresolvedAddressException)) throw e;
            command.getErr().println("cipnet " + command.getCommandName() + ": " + message(e));
            command.getErr().flush();
            return NOT_READ;
        });
        wholeSentences(cl);
        return cl;
    }

    /** A one-line reason (the JDK's exceptions sometimes carry no message). */
    static String message(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException f) return "no such file or directory: " + f.getFile();
        if (e instanceof java.nio.file.AccessDeniedException f) return "permission denied: " + f.getFile();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Description lines are written in source as an array of lines; picocli prints each element on
     * its own line and lists a command by its first element alone, which cut sentences in two.
     * Lines are joined until a sentence ends, and picocli wraps the paragraphs itself.
     */
    private static void wholeSentences(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) wholeSentences(sub);
        var usage = cl.getCommandSpec().usageMessage();
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : usage.description()) {
            if (current.length() > 0) current.append(' ');
            current.append(line.strip());
            if (line.strip().matches(".*[.!?:]\\)?(%n)*$")) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) out.add(current.toString());
        usage.description(out.toArray(String[]::new));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
