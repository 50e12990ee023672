package org.cipnet.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.graph.GraphFactory;
import org.cipnet.http.BodyLimit;
import org.cipnet.http.OneWriteAnswers;
import org.cipnet.http.ResponseBuffer;
import org.cipnet.opendata.Cors;
import org.cipnet.opendata.DescribedBy;
import org.cipnet.rdf.ProjectFiles;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.rdf.RdfInputException;
import org.cipnet.sparql.PublicFunctions;
import org.cipnet.validation.ReportWriter;
import org.cipnet.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running national node: Fuseki with the read-only query endpoint {@code /CC/sparql}, the
 * publish, versions, rollback and VoID operations, Linked Data under {@code /resource}, {@code /page}
 * and {@code /data}, and {@code /$/ping} and {@code /$/metrics}.
 */
public final class NationalNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NationalNode.class);

    private final NodeConfig config;
    private final NationalStore store;
    private final FusekiServer server;
    private final PublishGate gate;
    private final SparqlTraffic traffic;
    private final Downloads downloads;

    private NationalNode(NodeConfig config, NationalStore store, FusekiServer server, PublishGate gate, SparqlTraffic traffic,
                         Downloads downloads) {
        this.config = config;
        this.store = store;
        this.server = server;
        this.gate = gate;
        this.traffic = traffic;
        this.downloads = downloads;
    }

    /** Opens the store, loads {@code --data} through the gate when the store is empty, and starts serving. */
    public static NationalNode start(NodeConfig config, Validator validator) throws RdfInputException, IOException {
        PublicFunctions.install();
        String cc = config.country();
        // A store that does not exist yet gets --data: it is read while the store is created and the server is set up.
        InitialData initial = config.data() != null && isNew(config.store()) ? InitialData.read(cc, config.data()) : null;
        NationalStore store;
        try {
            Files.createDirectories(config.store());
            store = NationalStore.open(cc, config.store(), config.keepVersions());
        } catch (RuntimeException | IOException e) {
            if (initial != null) initial.cancel();
            throw e;
        }
        try {
            store.installReference(validator.reference());
            store.dataset().getContext().set(ARQ.queryTimeout, config.timeoutMillis());
            store.dataset().getContext().set(ARQ.httpServiceAllowed, false);
            // Stable blank-node labels in results, so a federator can join on them across requests (ARQ <_:label> syntax).
            store.dataset().getContext().set(ARQ.outputGraphBNodeLabels, true);
            Users users = config.users() == null ? Users.none() : Users.load(config.users());

            int port = config.port() == 0 ? freePort() : config.port();
            String base = base(config, port);
            Graph reference = validator.reference();
            VoidDescription describer = new VoidDescription(cc, base + cc + "/sparql",
                    n -> reference.contains(n, org.apache.jena.graph.Node.ANY, org.apache.jena.graph.Node.ANY));
            PublishGate gate = new PublishGate(store, validator, describer);

            DataService service = DataService.newBuilder(store.dataset())
                    .addEndpoint(Operation.Query, "sparql")
                    .addEndpoint(NodeOperations.PUBLISH, "publish")
                    .addEndpoint(NodeOperations.VERSIONS, "versions")
                    .addEndpoint(NodeOperations.ROLLBACK, "rollback")
                    .addEndpoint(NodeOperations.VOID, "void")
                    .addEndpoint(DownloadOperations.DCAT, "dcat")
                    .addEndpoint(DownloadOperations.DUMP, Downloads.NT_GZ)
                    .addEndpoint(DownloadOperations.DUMP, Downloads.TURTLE)
                    .build();
            Downloads downloads = new Downloads(store, config.store().resolve("downloads"), base);
            gate.afterPublication(downloads::refresh);
            var linkedData = new LinkedData(store, cc, base);
            var voidDocument = new VoidDocument(store);
            var traffic = new SparqlTraffic();
            var throttle = new LoginThrottle();
            FusekiServer.Builder b = FusekiServer.create()
                    .port(port)
                    .loopback(!config.listenAll())
                    .enablePing(true)
                    .enableMetrics(true)
                    .registerOperation(Operation.Query, new QueryService(config.resultCap()))
                    .registerOperation(NodeOperations.PUBLISH, new NodeOperations.Publish(gate, users, throttle, cc, base))
                    .registerOperation(NodeOperations.VERSIONS, new NodeOperations.Versions(store))
                    .registerOperation(NodeOperations.ROLLBACK, new NodeOperations.Rollback(gate, users, throttle, cc, base))
                    .registerOperation(NodeOperations.VOID, new NodeOperations.VoidDoc(voidDocument))
                    .registerOperation(DownloadOperations.DCAT, new DownloadOperations.DcatDoc(downloads))
                    .registerOperation(DownloadOperations.DUMP, new DownloadOperations.Dump(downloads, cc))
                    .add("/" + cc, service)
                    .addFilter("/" + cc + "/sparql", Cors.query()) // first: the Service Description filter answers without passing on
                    .addFilter("/" + cc + "/sparql", new BodyLimit(config.maxQueryBytes(), "a query", "--max-query-bytes"))
                    .addFilter("/" + cc + "/publish", new BodyLimit(config.maxPublishBytes(), "a publication", "--max-publish-bytes"))
                    .addFilter("/" + cc + "/rollback", new BodyLimit(config.maxQueryBytes(), "a rollback", "--max-query-bytes"))
                    .addFilter("/" + cc + "/sparql", traffic)
                    .addFilter("/" + cc + "/sparql", new ServiceDescription(cc, base + cc + "/sparql"))
                    .addFilter("/" + cc + "/sparql", new OneWriteAnswers())
                    .addServlet("/.well-known/void", new WellKnownVoid(voidDocument))
                    .addFilter("/resource/*", new DescribedBy(base))
                    .addFilter("/page/*", new DescribedBy(base));
            for (String read : new String[] {"/" + cc + "/void", "/" + cc + "/dcat", "/" + cc + "/" + Downloads.NT_GZ,
                    "/" + cc + "/" + Downloads.TURTLE, "/" + cc + "/versions", "/.well-known/void", "/resource/*", "/page/*", "/data/*"})
                b.addFilter(read, Cors.read());
            b.addServlet("/resource/*", linkedData)
                    .addServlet("/page/*", linkedData)
                    .addServlet("/data/*", linkedData);
            FusekiServer server = ResponseBuffer.ofJettyDefaultSize(b.build());
            // Jetty reads form bodies itself (a query sent as a form): the same limit as a query body.
            org.eclipse.jetty.ee10.servlet.ServletContextHandler.getServletContextHandler(server.getServletContext())
                    .setMaxFormContentSize((int) Math.min(Integer.MAX_VALUE, config.maxQueryBytes()));
            var registry = org.apache.jena.fuseki.metrics.MetricsProvider.getMetricsProvider(server.getServletContext()).getMeterRegistry();
            io.micrometer.core.instrument.FunctionCounter.builder("cipnet_sparql_requests", traffic, SparqlTraffic::requests)
                    .tag("member", cc).description("Requests to the SPARQL endpoint").register(registry);
            io.micrometer.core.instrument.FunctionCounter.builder("cipnet_sparql_response_bytes", traffic, SparqlTraffic::bytes)
                    .tag("member", cc).description("Bytes of SPARQL answers, before transport compression").register(registry);
            String endpoint = base + cc + "/sparql";
            NationalNode node = new NationalNode(config, store, server, gate, traffic, downloads);
            // The data goes in before the port opens: nobody is ever answered from a graph still loading.
            if (store.isEmpty() && config.data() != null) node.initialLoad(initial != null ? initial.graph() : InitialData.parse(cc, config.data()));
            else {
                if (config.data() != null)
                    LOG.info("node {}: --data {} not read: the store holds version {} already (publish to replace it)", cc, config.data(),
                            store.versions().isEmpty() ? "?" : store.versions().get(store.versions().size() - 1).number());
                downloads.refresh();
            }
            server.start();
            LOG.info("node {} ready: {} ({} triples, store {})", cc, endpoint, store.size(), config.store());
            return node;
        } catch (RuntimeException | RdfInputException | IOException e) {
            if (initial != null) initial.cancel();
            try {
                store.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing); // the reason the start failed is what the operator needs to see
            }
            throw e;
        }
    }

    private static boolean isNew(Path store) throws IOException {
        if (!Files.exists(store)) return true;
        try (var entries = Files.list(store)) {
            return entries.findAny().isEmpty();
        }
    }

    /** {@code --data} being read on a thread of its own. */
    private record InitialData(FutureTask<Graph> task) {
        static InitialData read(String cc, Path data) {
            var task = new FutureTask<>(() -> parse(cc, data));
            Thread t = new Thread(task, "cipnet-initial-data-" + cc);
            t.setDaemon(true);
            t.start();
            return new InitialData(task);
        }

        /** Files of at least this many bytes in all are said to be read, and how long it took: the gate's own log lines follow. */
        private static final long LARGE_BYTES = 25_000_000;

        static Graph parse(String cc, Path data) throws RdfInputException {
            long start = System.nanoTime();
            List<Path> files = RdfFiles.collect(List.of(data));
            long bytes = 0;
            for (Path f : files) bytes += f.toFile().length();
            boolean large = bytes >= LARGE_BYTES;
            if (large) LOG.info("node {}: reading {} ({} file(s), {} MB) ...", cc, data, files.size(), bytes / 1_000_000);
            Graph g = GraphFactory.createDefaultGraph();
            for (var f : files) RdfFiles.read(f, g);
            if (large) LOG.info("node {}: read {} triples from {} in {} s", cc, String.format("%,d", g.size()), data,
                    String.format("%.1f", (System.nanoTime() - start) / 1e9));
            return g;
        }

        /** Drops the graph being read: the start failed (the parser itself runs to its end, on a daemon thread). */
        void cancel() {
            task.cancel(true);
        }

        /** The graph read; a syntax error is thrown as reading it in place would have thrown it. */
        Graph graph() throws RdfInputException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the initial data", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RdfInputException r) throw r;
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private void initialLoad(Graph data) throws RdfInputException {
        PublishResult r = gate.publish(data, config.data().toString(), "initial-load", "initial load from " + config.data(), false);
        if (r instanceof PublishResult.Accepted a) {
            LOG.info("node {}: loaded {} as version {} ({} triples, {} warnings)",
                    config.country(), config.data(), a.version().number(), a.version().triples(), a.outcome().warnings());
        } else if (r instanceof PublishResult.Invalid inv) {
            throw new RdfInputException("the data in " + config.data()
                    + " does not pass the publish gate; the store stays empty:\n" + ReportWriter.text(inv.outcome()));
        } else if (r instanceof PublishResult.Foreign f) {
            throw new RdfInputException("the data in " + config.data() + " has subjects outside "
                    + f.uriSpace() + ": " + f.subjects().subList(0, Math.min(5, f.subjects().size())));
        } else if (r instanceof PublishResult.Empty) {
            throw new RdfInputException("the data in " + config.data() + " has no triples; the store stays empty");
        }
    }

    /** A port that was free a moment ago; the node needs its port before it starts, to describe itself. */
    static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String base(NodeConfig config, int port) {
        String b = config.publicBase() == null ? "http://localhost:" + port + "/" : config.publicBase();
        return b.endsWith("/") ? b : b + "/";
    }

    public int port() { return server.getHttpPort(); }

    /** The node's base URL, standing in for {@code https://w3id.org/cipnet/}. */
    public String baseUrl() { return base(config, port()); }

    public String sparqlUrl() { return baseUrl() + config.country() + "/sparql"; }

    public String country() { return config.country(); }

    public NationalStore store() { return store; }

    /** Requests to, and bytes answered by, the SPARQL endpoint since start. */
    public SparqlTraffic traffic() { return traffic; }

    /** Main URLs, for printing. */
    public Map<String, String> urls() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sparql", sparqlUrl());
        m.put("void", baseUrl() + config.country() + "/void");
        m.put("publish", baseUrl() + config.country() + "/publish");
        m.put("versions", baseUrl() + config.country() + "/versions");
        m.put("dcat", baseUrl() + config.country() + "/dcat");
        m.put("dump", baseUrl() + config.country() + "/" + Downloads.NT_GZ);
        return m;
    }

    @Override
    public void close() {
        server.stop();
        downloads.close();
        store.close();
    }

    /** For the launcher: the checkout's validator. */
    public static Validator validator() throws RdfInputException {
        return Validator.load(ProjectFiles.locate());
    }
}
