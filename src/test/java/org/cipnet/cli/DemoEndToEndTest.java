package org.cipnet.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.cipnet.testing.Checkout;
import org.cipnet.testing.Http;
import org.junit.jupiter.api.Test;

/**
 * {@code cipnet demo} as a person runs it: a separate JVM starts every node, the federator and the
 * web front, says it is ready, answers a federated query and a page, and stops cleanly on SIGTERM
 * (what Ctrl-C sends as SIGINT; both run the shutdown hook).
 */
class DemoEndToEndTest {

    /**
     * The first port of {@code size} consecutive free ones, below Linux's ephemeral range (32768 and
     * up), where outgoing connections of other tests running at the same time take their ports: the
     * demo's nodes take the ports after the federator's, so a single free port is not enough.
     */
    private static int freePorts(int size) {
        int start = 20_000 + (int) (ProcessHandle.current().pid() % 100) * 120;
        for (int base = start; base < 32_000 - size; base += size) {
            if (allFree(base, size)) return base;
        }
        throw new IllegalStateException("no " + size + " consecutive free ports below 32000");
    }

    private static boolean allFree(int base, int size) {
        for (int p = base; p < base + size; p++) {
            try (var s = new java.net.ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (java.io.IOException taken) {
                return false;
            }
        }
        return true;
    }

    @Test
    void demoStartsAnswersAFederatedQueryAndStopsCleanly() throws Exception {
        // The federator, one node per data/ folder after it, and the web front after those.
        int port = freePorts(30), web = port + 29;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dcipnet.home=" + Checkout.files().home(),
                "org.cipnet.cli.Main", "demo", "--port", Integer.toString(port), "--web-port", Integer.toString(web))
                .redirectErrorStream(true).start();
        StringBuffer log = new StringBuffer();
        try {
            readUntilStopped(demo, log, port, web);
        } finally {
            demo.destroyForcibly();
        }
        assertFalse(log.toString().contains("Exception"), log.toString());
    }

    /** The test proper; the caller stops the demo whatever happens, so that closing its output never waits for it. */
    private static void readUntilStopped(Process demo, StringBuffer log, int port, int web) throws Exception {
        // Not closed here: a reader closed while the drain thread reads would wait for the demo; its pipe ends with it.
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        String line;
        boolean ready = false;
        long deadline = System.currentTimeMillis() + 300_000; // generous: a loaded machine starts twelve nodes slowly
        while (System.currentTimeMillis() < deadline && (line = out.readLine()) != null) {
            log.append(line).append('\n');
            if (line.startsWith("cipnet demo ready")) ready = true;
            if (ready && line.contains("Ctrl-C stops the demo")) break;
        }
        // Keep reading: the demo logs every request, and a full pipe would block it.
        Thread drain = new Thread(() -> {
            try {
                for (String l; (l = out.readLine()) != null; ) log.append(l).append('\n');
            } catch (java.io.IOException closed) {
                // the stream closes when the demo stops
            }
        });
        drain.setDaemon(true);
        drain.start();
        assertTrue(ready, "the demo says when it is ready:\n" + log);
        assertTrue(log.toString().contains("[ 1/"), "it shows progress while loading");
        String endpoint = "http://localhost:" + port + "/sparql";
        assertTrue(log.toString().contains(endpoint), log.toString());
        assertTrue(log.toString().contains("./cipnet query --endpoint " + endpoint + " "), "the hint asks the moved federator: " + log);
        var r = Http.query(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?co a <https://w3id.org/cipnet/ontology#ClusterOrganisation> }", "text/csv");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Integer.parseInt(r.body().strip().split("\r?\n")[1]) > 20, r.body());
        assertEquals(200, Http.get("http://localhost:" + web + "/").statusCode());
        demo.destroy(); // SIGTERM: the shutdown hook stops servers and removes the temporary stores
        assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "stops");
        drain.join(10_000);
    }
}
