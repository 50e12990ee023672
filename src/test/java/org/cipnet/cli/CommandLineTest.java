package org.cipnet.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cipnet.node.NationalNode;
import org.cipnet.node.NodeConfig;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a new user meets it: output that arrives, one-line errors, help that reads whole. */
class CommandLineTest {
    @TempDir
    Path dir;

    private static int freePort() throws java.io.IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code cipnet ARGS} in its own JVM, as the launcher does; returns exit status, standard output and error. */
    private static String[] run(String... args) throws Exception {
        return runIn(Checkout.files().home(), args);
    }

    /** As {@link #run}, with {@code home} as the project's files (ontology, shapes, data, queries). */
    private static String[] runIn(Path home, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dcipnet.home=" + home, "org.cipnet.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        var err = p.getErrorStream().readAllBytes();
        var out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new String[] {Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8)};
    }

    @Test
    void versionsPrintsTheNodesVersions() throws Exception {
        try (NationalNode node = NationalNode.start(NodeConfig.of("no", dir.resolve("tdb"), 0).withData(Checkout.files().data().resolve("no")),
                Checkout.validator())) {
            String[] r = run("versions", "--node", node.baseUrl() + "no");
            assertEquals("0", r[0], r[2]);
            assertTrue(r[1].contains("initial-load") && r[1].contains("version"), "stdout: '" + r[1] + "' stderr: " + r[2]);
        }
    }

    @Test
    void projectFilesThatCannotBeReadAreOneLineAndExitStatus2() throws Exception {
        Path home = dir.resolve("home");
        java.nio.file.Files.createDirectories(home.resolve("shapes"));
        java.nio.file.Files.createDirectories(home.resolve("ontology"));
        java.nio.file.Files.copy(Checkout.files().ontologyFile(), home.resolve("ontology/cipnet.ttl"));
        java.nio.file.Files.createSymbolicLink(home.resolve("ontology/vocab"), Checkout.files().vocabularies());
        String[] r = runIn(home, "bench", "--quick");
        assertEquals("2", r[0], r[1] + r[2]);
        assertTrue(r[2].startsWith("cipnet bench: "), r[2]);
        assertTrue(r[2].contains(home.resolve("shapes").toString()), r[2]);
        assertFalse(r[2].contains("Exception") || r[2].contains("\tat "), r[2]);
    }

    @Test
    void anUnreachableServerIsOneLineAndExitStatus2() throws Exception {
        String closed = "http://127.0.0.1:" + freePort();
        for (String[] args : new String[][] {{"versions", "--node", closed + "/no"}, {"query", "--endpoint", closed + "/sparql", "ASK {}"}}) {
            var r = Cli.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.all());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().contains(closed) && !r.err().contains("\tat "), r.err());
        }
    }

    /** A socket on port + 1 of a free port, so that this test (not another process) is what holds the demo's second port. */
    private static java.net.ServerSocket successorOfAFreePort() throws java.io.IOException {
        for (int attempt = 0; ; attempt++) {
            var s = new java.net.ServerSocket();
            try {
                s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), freePort() + 1));
                return s;
            } catch (java.net.BindException busy) {
                s.close();
                if (attempt == 20) throw busy;
            }
        }
    }

    @Test
    void theDemoNamesATakenPortAndSaysHowToMoveIt() throws Exception {
        int web = freePort();
        try (var taken = successorOfAFreePort()) {
            int port = taken.getLocalPort() - 1;
            var r = Cli.run("demo", "--port", Integer.toString(port), "--web-port", Integer.toString(web), "--exit-when-ready");
            assertEquals(2, r.exit(), r.all());
            assertTrue(r.err().contains("port " + (port + 1)) && r.err().contains("--port"), r.err());
        }
    }

    @Test
    void helpTextsAreWholeSentences() {
        var main = Main.commandLine();
        for (var sub : main.getSubcommands().entrySet())
            for (String paragraph : sub.getValue().getCommandSpec().usageMessage().description())
                assertTrue(paragraph.strip().matches("(?s).*[.!?:]\\)?(%n)*$"), sub.getKey() + ": a description paragraph ends mid-sentence: " + paragraph);
        String help = Cli.run("--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(TDB2 in a temporary or given directory) and the federator over all of them"), "the command list shows whole sentences: " + help);
    }
}
