package org.cipnet.federation.members;

import java.time.Duration;

/**
 * One member of the federation.
 *
 * @param id            a short name used in messages and explain output (the country code for cipnet nodes)
 * @param sparql        the member's SPARQL endpoint
 * @param uriSpace      the URI space whose subjects it owns (DESIGN §2), or null when it declared none
 * @param voidUrl       where its VoID description is, or null (then ASK probes)
 * @param timeout       per-request timeout
 * @param maxConcurrent most requests in flight to this member at once
 * @param stableLabels  whether it keeps blank-node labels stable across answers and accepts them back as {@code <_:label>}
 */
public record Member(String id, String sparql, String uriSpace, String voidUrl, Duration timeout, int maxConcurrent,
                     boolean stableLabels) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_CONCURRENCY = 4;

    /**
     * A member as a members file without {@code cip:blankNodeLabelsStable} used to mean it: one that
     * declares a URI space is a cipnet-grade member (stable labels), one without is a plain endpoint.
     */
    public Member(String id, String sparql, String uriSpace, String voidUrl, Duration timeout, int maxConcurrent) {
        this(id, sparql, uriSpace, voidUrl, timeout, maxConcurrent, uriSpace != null);
    }

    /** A plain SPARQL endpoint: no URI space, no VoID, no stable blank-node labels. */
    public static Member plain(String id, String sparql) {
        return new Member(id, sparql, null, null, DEFAULT_TIMEOUT, DEFAULT_CONCURRENCY, false);
    }

    /**
     * Whether the member declared the ownership contract in a form the planner can rely on: a URI
     * space (every triple about its subjects is there) and stable blank-node labels (a blank node
     * from one answer can be asked about in the next). Such a member gets whole subject-stars; any
     * other member's data is read at the federator (see {@code exec.PlainMembers}).
     */
    public boolean contract() {
        return uriSpace != null && stableLabels;
    }

    /** Whether this member owns the subject IRI (and so holds every triple about it). */
    public boolean owns(String iri) {
        return contract() && iri.startsWith(uriSpace);
    }

    public Member withTimeout(Duration t) {
        return new Member(id, sparql, uriSpace, voidUrl, t, maxConcurrent, stableLabels);
    }
}
