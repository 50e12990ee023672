package org.cipnet.cli;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.rdf.RdfFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cipnet publish}: send a whole national graph to a node's publish gate. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish a national graph to a node: the files together replace the node's national graph.",
            "The files are parsed here first (syntax errors name file, line and column); the node then validates",
            "them (SHACL + ownership) and stores them as a new version, or rejects them and changes nothing.",
            "The password comes from CIPNET_PASSWORD or the first line of standard input.",
            "Exit status: 0 published, 1 rejected (the report is printed), 2 unreadable input or another error."})
final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "URL", description = "The node's dataset URL, e.g. http://localhost:3030/no")
    String node;

    @Option(names = "--file", required = true, arity = "1..*", paramLabel = "F", description = "RDF files or directories.")
    List<Path> files;

    @Option(names = "--user", required = true, description = "Publisher name in the node's users file.")
    String user;

    @Option(names = "--allow-empty", description = "Publish even when the files hold no triples, which empties the node's national graph"
            + " (without it the node refuses an empty publication).")
    boolean allowEmpty;

    /** Publications of at least this many triples report their stages. */
    private static final long LARGE = 250_000;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        long start = System.nanoTime();
        Graph data = GraphFactory.createDefaultGraph();
        List<Path> inputs = RdfFiles.collect(files);
        for (Path f : inputs) RdfFiles.read(f, data);
        // A large publication takes a while at the node (SHACL and the store): say what is going on, on stderr.
        boolean large = data.size() >= LARGE;
        if (large) err.printf("cipnet publish: read %,d triples from %d file(s) in %.1f s%n", data.size(), inputs.size(), seconds(start));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RDFDataMgr.write(body, data, Lang.NTRIPLES);
        if (large) {
            err.printf("cipnet publish: sending %,d bytes; the node validates and stores them (its log shows the progress) ...%n", body.size());
            err.flush();
        }
        long sent = System.nanoTime();
        var res = new NodeClient(node, user, NodeClient.password()).post(allowEmpty ? "publish?allowEmpty=true" : "publish", "application/n-triples", body.toByteArray());
        if (large) err.printf("cipnet publish: the node answered %d after %.1f s%n", res.statusCode(), seconds(sent));
        NodeClient.print(res, "publish", 422, out, err);
        return switch (res.statusCode()) {
            case 200 -> 0;
            case 422 -> 1;
            default -> 2;
        };
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
