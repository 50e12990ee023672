package org.cipnet.federation;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.ARQ;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.cipnet.testing.Checkout;

/**
 * Real SPARQL servers to be federation members in tests, of three kinds: a Fuseki with cipnet's
 * settings (stable blank-node labels, given a URI space: a contract member), a stock Fuseki (an
 * in-memory dataset, nothing configured) and Oxigraph, a non-Jena engine (npm {@code oxigraph},
 * served by {@code src/test/resources/oxigraph-member/server.js}, installed by {@code scripts/test}).
 */
final class MemberServers {
    private MemberServers() {}

    enum Kind {
        /** Fuseki keeping blank-node labels stable, with a declared URI space: gets whole stars. */
        CONTRACT,
        /**
         * A contract member as a cipnet node is one: besides, it serves the VoID of its graph
         * ({@link org.cipnet.node.VoidDescription}, with link sets) and holds the reference graph as
         * its named graph, so the planner folds joins along member-local predicates into its requests.
         */
        NODE,
        /** Stock Fuseki: no VoID, no URI space, blank-node labels per answer. */
        FUSEKI,
        /** Oxigraph behind a small SPARQL-protocol script: no VoID, no URI space, no label promise. */
        OXIGRAPH;

        boolean plain() { return this == FUSEKI || this == OXIGRAPH; }
    }

    /** One running member store. */
    interface Store extends AutoCloseable {
        String endpoint();

        /** Replaces the store's default graph. */
        void load(Graph g);

        /** Where the store's VoID is served, or null when it serves none. */
        default String voidUrl() { return null; }

        /** Like a cipnet node: {@code g} as the default graph, {@code reference} as the named reference graph, and their VoID. */
        default void loadAsNode(String id, Graph g, Graph reference) { throw new UnsupportedOperationException("not a node-like member"); }

        @Override
        void close();
    }

    static Store start(Kind kind, String name) {
        return kind == Kind.OXIGRAPH ? new Oxigraph() : new Fuseki(name, !kind.plain());
    }

    private static final class Fuseki implements Store {
        final DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        final FusekiServer server;
        final String name;
        /** The VoID served at {@link #voidUrl()}, in Turtle; empty until {@link #loadAsNode}. */
        volatile byte[] voidTurtle = new byte[0];

        Fuseki(String name, boolean stableLabels) {
            this.name = name;
            if (stableLabels) dsg.getContext().set(ARQ.outputGraphBNodeLabels, true);
            server = FusekiServer.create().port(0).loopback(true).add("/" + name, dsg, false)
                    .addServlet("/void-" + name, new jakarta.servlet.http.HttpServlet() {
                        @Override
                        protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) throws IOException {
                            byte[] body = voidTurtle;
                            if (body.length == 0) { res.sendError(404); return; }
                            res.setContentType("text/turtle");
                            res.getOutputStream().write(body);
                        }
                    }).build().start();
        }

        @Override public String endpoint() { return "http://localhost:" + server.getHttpPort() + "/" + name + "/sparql"; }

        /** Null until {@link #loadAsNode}: a plain contract member has no VoID (an address answering 404 is another case). */
        @Override public String voidUrl() { return voidTurtle.length == 0 ? null : "http://localhost:" + server.getHttpPort() + "/void-" + name; }

        @Override
        public void loadAsNode(String id, Graph g, Graph reference) {
            load(g);
            dsg.executeWrite(() -> reference.find().forEachRemaining(t -> dsg.add(org.cipnet.node.GraphNames.REFERENCE, t.getSubject(), t.getPredicate(), t.getObject())));
            Graph description = new org.cipnet.node.VoidDescription(id, endpoint(), n -> reference.contains(n, org.apache.jena.graph.Node.ANY, org.apache.jena.graph.Node.ANY)).describe(g);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RDFDataMgr.write(out, description, Lang.TURTLE);
            voidTurtle = out.toByteArray();
        }

        @Override
        public void load(Graph g) {
            dsg.executeWrite(() -> {
                dsg.getDefaultGraph().clear();
                g.find().forEachRemaining(dsg.getDefaultGraph()::add);
            });
        }

        @Override public void close() { server.stop(); }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final class Oxigraph implements Store {
        final Process process;
        final int port;

        Oxigraph() {
            Path dir = Checkout.files().home().resolve("src/test/resources/oxigraph-member");
            if (!Files.isDirectory(dir.resolve("node_modules/oxigraph")))
                throw new IllegalStateException("Oxigraph is not installed: run scripts/test, or npm ci in " + dir);
            try {
                process = new ProcessBuilder("node", dir.resolve("server.js").toString()).redirectErrorStream(true).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                if (line == null || !line.startsWith("listening ")) throw new IllegalStateException("Oxigraph member did not start: " + line);
                port = Integer.parseInt(line.substring("listening ".length()).trim());
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "oxigraph-output");
                drain.setDaemon(true);
                drain.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start node for the Oxigraph member: " + e.getMessage(), e);
            }
        }

        @Override public String endpoint() { return "http://127.0.0.1:" + port + "/sparql"; }

        @Override
        public void load(Graph g) {
            ByteArrayOutputStream nt = new ByteArrayOutputStream();
            RDFDataMgr.write(nt, g, Lang.NTRIPLES);
            try {
                var res = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/data"))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(nt.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 204) throw new IllegalStateException("Oxigraph member refused the data: " + res.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
