package org.cipnet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.cipnet.node.NationalNode;
import org.cipnet.node.NodeConfig;
import org.cipnet.rdf.ProjectFiles;
import org.cipnet.validation.Validator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cipnet demo}: the embedded default — one node per {@code data/} folder, all in this process
 * on loopback. The federator and the web front join it as they are built.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the embedded default: one national node per data/ folder (TDB2 in a temporary or given directory)",
            "and the federator over all of them,",
            "and the web front, all in one process on loopback; prints the URLs and stops cleanly on Ctrl-C.",
            "The federator listens on --port, the nodes on the ports after it, the web front on --web-port."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", description = "Keep the TDB2 stores here (default: a new temporary directory, removed on exit).")
    Path store;

    @Option(names = "--port", defaultValue = "3030", description = "First port; nodes take the following ones. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--web-port", defaultValue = "8080", description = "Port of the web front (the Yellow Pages). Default: ${DEFAULT-VALUE}.")
    int webPort;

    @Option(names = "--exit-when-ready", description = "Start everything, print the URLs and stop (for scripts and tests).")
    boolean exitWhenReady;

    private String webUrl;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        ProjectFiles project = ProjectFiles.locate();
        List<Path> folders;
        try (Stream<Path> s = Files.list(project.data())) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        String busy = busyPorts(folders.size());
        if (busy != null) {
            spec.commandLine().getErr().println("cipnet demo: " + busy);
            return 2;
        }
        boolean temporary = store == null;
        Path root = temporary ? Files.createTempDirectory("cipnet-demo-") : store;
        long t0 = System.nanoTime();
        out.println("cipnet demo: loading shapes and the reference graph ...");
        out.flush();
        Validator validator = Validator.load(project);
        List<NationalNode> nodes = new ArrayList<>();
        List<AutoCloseable> federator = new ArrayList<>();
        Runnable stopAll = () -> {
            federator.forEach(f -> { try { f.close(); } catch (Exception ignored) { } });
            nodes.parallelStream().forEach(NationalNode::close);
            if (temporary) deleteQuietly(root);
        };
        try {
            int i = 0;
            for (Path folder : folders) {
                String cc = folder.getFileName().toString();
                out.printf("  [%2d/%d] node %-3s validating and loading %s ...%n", ++i, folders.size(), cc, project.home().relativize(folder));
                out.flush();
                var config = NodeConfig.of(cc, root.resolve(cc), port + i).withData(folder);
                nodes.add(NationalNode.start(config, validator));
            }
            out.println("  federator over " + nodes.size() + " members ...");
            out.flush();
            var members = nodes.stream().map(n -> org.cipnet.federation.members.MemberDiscovery.discover(null, n.baseUrl() + n.country())).toList();
            var fed = org.cipnet.federation.Federator.start(org.cipnet.federation.FederatorConfig.of(members, port), validator.reference());
            federator.add(fed);
            out.println("  web front ...");
            out.flush();
            var web = org.cipnet.web.WebFront.start(fed.sparqlUrl(), members, project.queries(), webPort);
            federator.add(0, web);
            webUrl = web.url();
        } catch (Exception e) {
            stopAll.run();
            spec.commandLine().getErr().println("cipnet demo: " + e.getMessage());
            return 2;
        }
        out.printf("%ncipnet demo ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        out.printf("  web front (Yellow Pages)   %s%n", webUrl);
        String endpoint = "http://localhost:" + port + "/sparql";
        out.printf("  federated SPARQL endpoint  %s   (try: ./cipnet query%s 'SELECT * { ?s ?p ?o } LIMIT 5')%n", endpoint,
                endpoint.equals(QueryCommand.DEFAULT_ENDPOINT) ? "" : " --endpoint " + endpoint);
        for (NationalNode n : nodes) out.printf("  node %-3s  %s%n", n.country(), n.sparqlUrl());
        out.flush();
        if (exitWhenReady) {
            stopAll.run();
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll.run();
            stopped.countDown();
        }, "cipnet-demo-shutdown"));
        out.println("Ctrl-C stops the demo.");
        out.flush();
        stopped.await();
        return 0;
    }

    /** Which of the demo's ports (the federator's, one per node after it, the web front's) is taken, said so that the reader can move them; null when all are free. */
    private String busyPorts(int nodes) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i <= nodes; i++) ports.add(port + i);
        ports.add(webPort);
        for (int p : ports) {
            if (Ports.cannotOpen(java.net.InetAddress.getLoopbackAddress(), p).isPresent()) {
                String role = p == webPort ? "the web front's port (--web-port)" : p == port ? "the federator's port (--port)"
                        : "a node's port (nodes take the " + nodes + " ports after --port " + port + ")";
                return "port " + p + ", " + role + ", is in use (another demo or server?): start with other ports, e.g. --port "
                        + (port + 100) + " --web-port " + (webPort + 100);
            }
        }
        return null;
    }

    static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
