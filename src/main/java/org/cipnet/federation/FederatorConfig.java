package org.cipnet.federation;

import java.util.List;

import org.cipnet.federation.members.Member;

/**
 * How to run the federator.
 *
 * @param members        the members
 * @param port           HTTP port (0 = any free port)
 * @param partialDefault answer with the members that respond when others fail (else: fail and name them)
 * @param timeoutMillis  query timeout at the federator
 * @param resultCap      most rows or triples one answer carries
 * @param blockSize      input bindings per bind-join request
 */
public record FederatorConfig(List<Member> members, int port, boolean partialDefault, long timeoutMillis, long resultCap,
                              int blockSize) {
    public static FederatorConfig of(List<Member> members, int port) {
        return new FederatorConfig(members, port, false, 60_000, 100_000, 50);
    }
}
