package org.cipnet.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.cipnet.node.Users;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet passwd}: add or replace a publisher in a node's users file. */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = {"Add or replace a publisher in a users file (PBKDF2-SHA256 hash; the password is never stored).",
            "The password comes from CIPNET_PASSWORD or the first line of standard input."})
final class PasswdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--users", required = true, paramLabel = "FILE", description = "The users file (created if missing).")
    Path users;

    @Parameters(paramLabel = "NAME", description = "The publisher's user name.")
    String name;

    @Override
    public Integer call() throws Exception {
        String password = NodeClient.password();
        if (password.length() < 8) {
            spec.commandLine().getErr().println("cipnet passwd: use a password of at least 8 characters");
            return 2;
        }
        List<String> lines = new ArrayList<>();
        if (Files.exists(users))
            for (String l : Files.readAllLines(users, StandardCharsets.UTF_8))
                if (!l.startsWith(name + ":")) lines.add(l);
        try {
            lines.add(Users.entry(name, password.toCharArray()));
        } catch (IllegalArgumentException e) { // the user name: its message says what is wrong with it
            throw new org.cipnet.rdf.RdfInputException(e.getMessage());
        }
        Files.write(users, lines, StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("cipnet passwd: " + name + " can now publish with " + users);
        return 0;
    }
}
