package org.cipnet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.cipnet.node.NationalNode;
import org.cipnet.node.NodeConfig;

import org.cipnet.rdf.RdfInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet node}: run one national node until interrupted. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run one national node: embedded Fuseki over a TDB2 store.",
            "Serves /CC/sparql (read-only SPARQL 1.1), /CC/publish (authenticated), /CC/versions, /CC/rollback, /CC/void,",
            "/CC/dcat, the dumps /CC/dump.nt.gz and /CC/dump.ttl, /.well-known/void, Linked Data under /resource, /page",
            "and /data, and /$/ping and /$/metrics. Stops cleanly on Ctrl-C."})
final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--country", required = true, paramLabel = "CC", description = "ISO 3166-1 alpha-2 code in lower case (is no se fi dk ru ee lv lt pl cz) or net.")
    String country;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "TDB2 store directory (created if missing).")
    Path store;

    @Option(names = "--port", defaultValue = "3030", description = "HTTP port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data", paramLabel = "DIR|FILE", description = "Loaded through the publish gate when the store is empty, e.g. data/no.")
    Path data;

    @Option(names = "--users", paramLabel = "FILE", description = "Users file for publishing (make entries with 'cipnet passwd'). Without it publishing is disabled.")
    Path users;

    @Option(names = "--public-base", paramLabel = "URL", description = "Public address that stands in for https://w3id.org/cipnet/ in Linked Data links and VoID. Default: http://localhost:PORT/.")
    String publicBase;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Server-side query timeout; a query that runs longer is answered 503. Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    @Option(names = "--result-cap", defaultValue = "100000", paramLabel = "N", description = "Most rows or triples a query returns (stated in the X-Cipnet-Result-Cap header). Default: ${DEFAULT-VALUE}.")
    long resultCap;

    @Option(names = "--keep-versions", defaultValue = "20", paramLabel = "N", description = "Versions kept for rollback (each as the difference from the next). Default: ${DEFAULT-VALUE}.")
    int keep;

    @Option(names = "--max-publish-bytes", defaultValue = "" + NodeConfig.DEFAULT_MAX_PUBLISH_BYTES, paramLabel = "N",
            description = "Largest publication body, in bytes after gzip/deflate decompression; a larger one is answered 413 before it is held. Default: ${DEFAULT-VALUE} (64 MiB).")
    long maxPublishBytes;

    @Option(names = "--max-query-bytes", defaultValue = "" + NodeConfig.DEFAULT_MAX_QUERY_BYTES, paramLabel = "N",
            description = "Largest query (and any other request body), in bytes after decompression; larger is answered 413. Default: ${DEFAULT-VALUE} (1 MiB).")
    long maxQueryBytes;

    @Option(names = "--listen-all", description = "Listen on all interfaces (default: loopback only; put a reverse proxy in front).")
    boolean listenAll;

    private static void atLeastOne(String option, long value) throws RdfInputException {
        if (value < 1) throw new RdfInputException(option + " " + value + ": give a number of at least 1");
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (port < 0 || port > 65535) throw new RdfInputException("--port " + port + ": give a port from 1 to 65535, or 0 for any free port");
        if (!(timeoutSeconds > 0)) throw new RdfInputException("--timeout " + timeoutSeconds + ": give a number of seconds above 0");
        atLeastOne("--result-cap", resultCap);
        atLeastOne("--keep-versions", keep);
        atLeastOne("--max-publish-bytes", maxPublishBytes);
        atLeastOne("--max-query-bytes", maxQueryBytes);
        if (publicBase != null && !publicBase.matches("(?i)https?://[^/\\s]+(/\\S*)?"))
            throw new RdfInputException("--public-base " + publicBase + ": give an http(s) URL, e.g. https://cip.example.org/");
        NodeConfig config;
        try {
            config = new NodeConfig(country, store, port, data, users, publicBase,
                    Math.round(timeoutSeconds * 1000), resultCap, keep, listenAll, maxPublishBytes, maxQueryBytes);
        } catch (IllegalArgumentException e) { // the country: NodeConfig is where a member id is checked
            throw new RdfInputException("--country: " + e.getMessage());
        }
        // Before the store is opened and the data read: a taken port would otherwise surface as a store error after the load.
        var taken = Ports.cannotOpen(listenAll ? null : java.net.InetAddress.getLoopbackAddress(), port);
        if (taken.isPresent()) throw new RdfInputException("port " + port + " cannot be opened (" + taken.get() + "; another node or server?): start with another --port");
        NationalNode node = NationalNode.start(config, NationalNode.validator());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "cipnet-node-shutdown"));
        out.println("cipnet node " + country + " is running (Ctrl-C stops it):");
        node.urls().forEach((k, v) -> out.printf("  %-9s %s%n", k, v));
        out.flush();
        stopped.await();
        return 0;
    }
}
