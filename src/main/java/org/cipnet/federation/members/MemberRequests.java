package org.cipnet.federation.members;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * What the catalogue sends to members, as this package sees the federator's member client: so that
 * knowing what members hold does not depend on how queries are executed (the client lives there,
 * with each query's budget and trace).
 */
public interface MemberRequests {
    /**
     * A document from a member (its VoID), whole within {@code timeout}; with {@code etag} (else
     * null), only if it changed since the answer that had that {@code ETag}.
     */
    Document fetch(Member m, String url, String accept, String etag, Duration timeout) throws IOException, InterruptedException;

    /**
     * A fetched document and its {@code ETag} (null when the member sent none); {@code body} is
     * null when the member answered 304: it is unchanged since the {@code etag} it was asked with.
     */
    record Document(String body, String etag) {
        public boolean unchanged() { return body == null; }
    }

    /** A SELECT outside any query (a check made while loading statistics), answered within {@code timeout}. */
    List<Binding> select(Member m, String query, Map<String, Var> vars, Duration timeout);

    /** The requests of one query's source selection: they count towards that query's requests, budget and deadline. */
    interface Probe {
        boolean ask(Member m, String query);

        List<Binding> select(Member m, String query, Map<String, Var> vars);
    }
}
