package org.cipnet.node;

import java.nio.file.Path;

/**
 * How to run one national node.
 *
 * @param country      ISO 3166-1 alpha-2 code in lower case, {@code net}, or a generated benchmark member {@code mN}
 * @param store        the TDB2 directory (created if missing)
 * @param port         HTTP port; 0 picks a free one
 * @param data         a folder or file loaded through the publish gate when the store is empty, or null
 * @param users        the users file for publishing, or null (publishing disabled)
 * @param publicBase   the node's public address that stands in for {@code https://w3id.org/cipnet/}, or null for
 *                     {@code http://localhost:PORT/}
 * @param timeoutMillis server-side query timeout
 * @param resultCap    the most rows (or triples) a query may return
 * @param keepVersions how many version snapshots are kept for rollback
 * @param listenAll    listen on all interfaces instead of loopback only
 * @param maxPublishBytes the largest publication body, in bytes after decompression (larger: 413)
 * @param maxQueryBytes the largest query (or other request body), in bytes after decompression (larger: 413)
 */
public record NodeConfig(String country, Path store, int port, Path data, Path users, String publicBase,
                         long timeoutMillis, long resultCap, int keepVersions, boolean listenAll,
                         long maxPublishBytes, long maxQueryBytes) {

    public static final long DEFAULT_TIMEOUT_MS = 30_000;
    public static final long DEFAULT_RESULT_CAP = 100_000;
    public static final int DEFAULT_KEEP = 20;
    /** 64 MiB: about half a million triples as N-Triples, far more than any national graph. */
    public static final long DEFAULT_MAX_PUBLISH_BYTES = 64L << 20;
    /** 1 MiB: a federator's largest bind-join block is a few hundred kilobytes. */
    public static final long DEFAULT_MAX_QUERY_BYTES = 1L << 20;

    public NodeConfig {
        if (!org.cipnet.vocab.CIP.isMemberId(country))
            throw new IllegalArgumentException("country '" + country + "' is not a member: give one of "
                    + String.join(" ", org.cipnet.vocab.CIP.COUNTRIES) + ", net, or a generated member mN");
    }

    public static NodeConfig of(String country, Path store, int port) {
        return new NodeConfig(country, store, port, null, null, null, DEFAULT_TIMEOUT_MS, DEFAULT_RESULT_CAP, DEFAULT_KEEP, false,
                DEFAULT_MAX_PUBLISH_BYTES, DEFAULT_MAX_QUERY_BYTES);
    }

    public NodeConfig withData(Path d) { return new NodeConfig(country, store, port, d, users, publicBase, timeoutMillis, resultCap, keepVersions, listenAll, maxPublishBytes, maxQueryBytes); }
    public NodeConfig withUsers(Path u) { return new NodeConfig(country, store, port, data, u, publicBase, timeoutMillis, resultCap, keepVersions, listenAll, maxPublishBytes, maxQueryBytes); }
    public NodeConfig withLimits(long timeout, long cap) { return new NodeConfig(country, store, port, data, users, publicBase, timeout, cap, keepVersions, listenAll, maxPublishBytes, maxQueryBytes); }
    public NodeConfig withBodyLimits(long publish, long query) { return new NodeConfig(country, store, port, data, users, publicBase, timeoutMillis, resultCap, keepVersions, listenAll, publish, query); }
}
