package org.cipnet.federation.exec;

/** A member that could not answer: down, too slow, or answering something that is not SPARQL results. */
public final class MemberFailure extends RuntimeException {
    private final String member;

    public MemberFailure(String member, String message, Throwable cause) {
        super("member " + member + " failed: " + message, cause);
        this.member = member;
    }

    public String member() {
        return member;
    }
}
