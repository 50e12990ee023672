package org.cipnet.federation;

import java.util.List;

import org.cipnet.federation.exec.MemberClient;
import org.cipnet.federation.exec.QueryTrace;
import org.cipnet.federation.members.Member;

/**
 * How to run the federator. Every limit has a default ({@link #of}); README "Run the federator" lists them.
 *
 * @param members           the members
 * @param port              HTTP port (0 = any free port)
 * @param partialDefault    answer with the members that respond when others fail (else: fail and name them)
 * @param timeoutMillis     query timeout at the federator: the work stops, member requests are cancelled
 * @param resultCap         most rows or triples one answer carries; an answer that would carry more is refused (422)
 * @param blockSize         most distinct join values per bind-join request (input is taken this many rows per member at a time)
 * @param maxMemberRequests most member requests one query may send (probes included); beyond it, 422
 * @param memberAnswerLimit most bytes read of one member answer; beyond it, that member fails
 * @param maxQueryBytes     most bytes of a query: the query string, or a request body after decompression
 * @param undiscovered      members that gave no answer when they were discovered, by id, with the URL they were given as: asked
 *                          again every {@code rediscoverEvery} until they answer, and taken as they then describe themselves
 * @param rediscoverEvery   how often such members are asked again
 */
public record FederatorConfig(List<Member> members, int port, boolean partialDefault, long timeoutMillis, long resultCap,
                              int blockSize, long maxMemberRequests, long memberAnswerLimit, long maxQueryBytes,
                              java.util.Map<String, String> undiscovered, java.time.Duration rediscoverEvery) {
    public static final long DEFAULT_MAX_QUERY_BYTES = 1L << 20;
    public static final java.time.Duration DEFAULT_REDISCOVERY = java.time.Duration.ofSeconds(30);

    public FederatorConfig {
        members = List.copyOf(members);
        undiscovered = java.util.Map.copyOf(undiscovered);
    }

    public static FederatorConfig of(List<Member> members, int port) {
        return new FederatorConfig(members, port, false, 60_000, 100_000, 400, QueryTrace.DEFAULT_MAX_REQUESTS,
                MemberClient.DEFAULT_ANSWER_LIMIT, DEFAULT_MAX_QUERY_BYTES, java.util.Map.of(), DEFAULT_REDISCOVERY);
    }

    /** Whether a request with this {@code partial} parameter (null when it has none) is answered in partial mode. */
    public boolean partial(String parameter) {
        return parameter == null ? partialDefault : parameter.equalsIgnoreCase("true") || parameter.equals("1");
    }

    public FederatorConfig withTimeout(long millis) {
        return new FederatorConfig(members, port, partialDefault, millis, resultCap, blockSize, maxMemberRequests, memberAnswerLimit, maxQueryBytes, undiscovered, rediscoverEvery);
    }

    public FederatorConfig withResultCap(long cap) {
        return new FederatorConfig(members, port, partialDefault, timeoutMillis, cap, blockSize, maxMemberRequests, memberAnswerLimit, maxQueryBytes, undiscovered, rediscoverEvery);
    }

    public FederatorConfig withMaxMemberRequests(long n) {
        return new FederatorConfig(members, port, partialDefault, timeoutMillis, resultCap, blockSize, n, memberAnswerLimit, maxQueryBytes, undiscovered, rediscoverEvery);
    }

    public FederatorConfig withMemberAnswerLimit(long bytes) {
        return new FederatorConfig(members, port, partialDefault, timeoutMillis, resultCap, blockSize, maxMemberRequests, bytes, maxQueryBytes, undiscovered, rediscoverEvery);
    }

    public FederatorConfig withRediscovery(java.util.Map<String, String> urls, java.time.Duration every) {
        return new FederatorConfig(members, port, partialDefault, timeoutMillis, resultCap, blockSize, maxMemberRequests, memberAnswerLimit, maxQueryBytes, urls, every);
    }

    public FederatorConfig withMaxQueryBytes(long bytes) {
        return new FederatorConfig(members, port, partialDefault, timeoutMillis, resultCap, blockSize, maxMemberRequests, memberAnswerLimit, bytes, undiscovered, rediscoverEvery);
    }
}
