package org.cipnet.http;

import org.apache.jena.fuseki.main.FusekiServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * The response buffer of cipnet's Fuseki servers: Jetty's own default (32 KiB) instead of the 5 MiB
 * Fuseki configures. Jetty takes the buffer on a response's first write, and one of 5 MiB is larger
 * than its buffer pool keeps (64 KiB), so every answer, a five-row SELECT as much as a dump, allocated
 * and zeroed 5 MiB of direct memory that only a garbage collection gives back: about half of a node's
 * CPU for a small answer. The smaller buffer only means that an answer over 32 KiB is sent in parts
 * as it is written.
 */
public final class ResponseBuffer {
    /** Jetty's default response buffer size, in bytes. */
    public static final int SIZE = new HttpConfiguration().getOutputBufferSize();

    private ResponseBuffer() {}

    /** Gives every HTTP connector of this server, built and not yet started, a response buffer of {@link #SIZE}; returns the server. */
    public static FusekiServer ofJettyDefaultSize(FusekiServer server) {
        for (Connector c : server.getJettyServer().getConnectors()) {
            HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) http.getHttpConfiguration().setOutputBufferSize(SIZE);
        }
        return server;
    }
}
