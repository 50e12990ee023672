package org.cipnet.testing;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.cipnet.cli.Main;

/** Runs the {@code cipnet} command line in-process and captures what it prints. */
public final class Cli {
    private Cli() {}

    public record Result(int exit, String out, String err) {
        public String all() { return out + err; }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
