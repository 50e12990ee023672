package org.cipnet.federation.members;

import java.time.Duration;

/**
 * One member of the federation.
 *
 * @param id             a short name used in messages and explain output (the country code for cipnet nodes)
 * @param sparql         the member's SPARQL endpoint
 * @param uriSpace       the URI space whose subjects it owns (DESIGN §2), or null when unknown
 * @param voidUrl        where its VoID description is, or null (then ASK probes)
 * @param timeout        per-request timeout
 * @param maxConcurrent  most requests in flight to this member at once
 */
public record Member(String id, String sparql, String uriSpace, String voidUrl, Duration timeout, int maxConcurrent) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_CONCURRENCY = 4;

    /** A cipnet node from its dataset URL, e.g. {@code http://localhost:3031/no}. */
    public static Member cipnetNode(String datasetUrl) {
        String base = datasetUrl.endsWith("/") ? datasetUrl.substring(0, datasetUrl.length() - 1) : datasetUrl;
        String id = base.substring(base.lastIndexOf('/') + 1);
        return new Member(id, base + "/sparql", org.cipnet.vocab.CIP.uriSpace(id), base + "/void", DEFAULT_TIMEOUT, DEFAULT_CONCURRENCY);
    }


    /** Whether this member owns the subject IRI (and so holds every triple about it). */
    public boolean owns(String iri) {
        return uriSpace != null && iri.startsWith(uriSpace);
    }
}
