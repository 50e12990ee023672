package org.cipnet.federation;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.ARQ;
import org.cipnet.federation.exec.FederatedDataset;
import org.cipnet.federation.exec.FederationEngine;
import org.cipnet.federation.exec.MemberClient;
import org.cipnet.federation.exec.StarExecutor;
import org.cipnet.federation.members.MemberCatalog;
import org.cipnet.http.BodyLimit;
import org.cipnet.http.OneWriteAnswers;
import org.cipnet.http.ResponseBuffer;
import org.cipnet.opendata.Cors;
import org.cipnet.sparql.PublicFunctions;

/** The running federator: Fuseki serving {@code /sparql} over the federated dataset. */
public final class Federator implements AutoCloseable {
    private final FusekiServer server;
    private final ExecutorService pool;
    private final MemberClient client;
    private final FederatedDataset dataset;
    private final Rediscovery rediscovery;
    private final QueryLog queryLog;

    private Federator(FusekiServer server, ExecutorService pool, MemberClient client, FederatedDataset dataset, Rediscovery rediscovery,
                      QueryLog queryLog) {
        this.server = server;
        this.pool = pool;
        this.client = client;
        this.dataset = dataset;
        this.rediscovery = rediscovery;
        this.queryLog = queryLog;
    }

    public static Federator start(FederatorConfig config, Graph reference) {
        return start(config, reference, FairUse.DEFAULT, ResultCache.DEFAULT);
    }

    /** Starts the federator with these fair-use limits per client and this result cache ({@code OFF} for none of either). */
    public static Federator start(FederatorConfig config, Graph reference, FairUse fairUse, ResultCache cache) {
        PublicFunctions.install();
        FederationEngine.register();
        MemberClient client = new MemberClient(config.memberAnswerLimit());
        // A VoID takes at most a quarter of the query timeout, so a slow one cannot use up a query's time.
        java.time.Duration voidTimeout = java.time.Duration.ofMillis(config.timeoutMillis() <= 0 ? MemberCatalog.VOID_TIMEOUT.toMillis() : Math.min(MemberCatalog.VOID_TIMEOUT.toMillis(), Math.max(1, config.timeoutMillis() / 4)));
        MemberCatalog catalog = new MemberCatalog(config.members(), reference, client, voidTimeout);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(4, config.members().size() * 2), r -> {
            Thread t = new Thread(r, "cipnet-federator");
            t.setDaemon(true);
            return t;
        });
        StarExecutor executor = new StarExecutor(catalog, client, pool, config.blockSize());
        FederatedDataset dataset = new FederatedDataset(catalog, executor);
        dataset.getContext().set(ARQ.queryTimeout, config.timeoutMillis());
        // Joins and OPTIONALs between pattern groups as hash joins (each side asked once), not ARQ's
        // per-binding index joins, which would cost one request per row; within a BGP, stars are bind-joined.
        dataset.getContext().set(ARQ.optIndexJoinStrategy, false);
        DataService service = DataService.newBuilder(dataset).addEndpoint(Operation.Query).build();
        StatusDocuments status = new StatusDocuments();
        FederationDescription description = new FederationDescription(catalog::members);
        QueryLog queryLog = new QueryLog();
        FusekiServer.Builder b = FusekiServer.create()
                .port(config.port())
                .loopback(true)
                .enablePing(true)
                .enableMetrics(true)
                .registerOperation(Operation.Query, new FederatedQueryService(catalog, config, status));
        onEndpoint(b, Cors.query()); // first: a browser must be able to read every answer, a 413 too; the Service Description filter answers without passing on
        b.addFilter("/*", new BodyLimit(config.maxQueryBytes(), "a query", "--max-query-bytes"))
                .add("/sparql", service)
                .addServlet("/status/*", status)
                .addServlet("/catalog", new NetworkCatalog(catalog::members))
                .addServlet("/.well-known/void", description.wellKnownVoid());
        onEndpoint(b, description.serviceDescriptionFilter());
        onEndpoint(b, queryLog);
        onEndpoint(b, cache.filter(config, catalog::members, queryLog, catalog::invalidate)); // before fair use: an answer from memory costs no query time
        onEndpoint(b, fairUse.filter());
        onEndpoint(b, new OneWriteAnswers());
        onEndpoint(b, queryLock(catalog));
        b.addFilter("/catalog", Cors.read())
                .addFilter("/.well-known/void", Cors.read())
                .addFilter("/status/*", Cors.read());
        FusekiServer server = ResponseBuffer.ofJettyDefaultSize(b.build());
        queryLog.bind(org.apache.jena.fuseki.metrics.MetricsProvider.getMetricsProvider(server.getServletContext()).getMeterRegistry());
        server.start();
        Rediscovery rediscovery = new Rediscovery(catalog, config.undiscovered(), config.rediscoverEvery());
        return new Federator(server, pool, client, dataset, rediscovery, queryLog);
    }

    /**
     * The paths Fuseki answers as the endpoint: {@code /sparql} and {@code /sparql/} (a filter mapped
     * to {@code /sparql} alone, fair use and the query lock among them, would not see a query sent to
     * the second; {@code /sparql/*} would also take in paths that are no endpoint, answered 404).
     */
    private static final List<String> SPARQL_PATHS = List.of("/sparql", "/sparql/");

    /** The filter on each of the endpoint's paths, in the order the filters are added. */
    private static void onEndpoint(FusekiServer.Builder b, jakarta.servlet.Filter filter) {
        for (String path : SPARQL_PATHS) b.addFilter(path, filter);
    }

    /** Each query plans and runs under the catalogue's query lock: the members do not change meanwhile ({@link Rediscovery}). */
    private static jakarta.servlet.Filter queryLock(MemberCatalog catalog) {
        return (request, response, chain) -> {
            var lock = catalog.queryLock();
            lock.lock();
            try {
                chain.doFilter(request, response);
            } finally {
                lock.unlock();
            }
        };
    }

    public int port() { return server.getHttpPort(); }

    public String sparqlUrl() { return "http://localhost:" + port() + "/sparql"; }

    public MemberCatalog catalog() { return dataset.catalog(); }

    @Override
    public void close() {
        rediscovery.close();
        server.stop();
        queryLog.close();
        pool.shutdownNow();
        client.close();
    }
}
