package org.cipnet.federation.planner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberCatalog;
import org.cipnet.federation.members.MemberRequests;

/** Catalogues for planning without members: contract members a and b, whose statistics are VoID text the test writes. */
final class TestCatalogs {
    private TestCatalogs() {}

    /**
     * Members a and b (at an address nothing listens on: nothing is asked but their VoID) with
     * {@code voidOf} their VoID by member id; with {@code holdReference}, each says it holds the
     * whole reference graph, so code-list lookups may be folded into their requests.
     */
    static MemberCatalog of(Graph reference, UnaryOperator<String> voidOf, boolean holdReference) {
        return of(reference, voidOf, holdReference, List.of());
    }

    /** As {@link #of(Graph, UnaryOperator, boolean)}, with {@code more} members after a and b. */
    static MemberCatalog of(Graph reference, UnaryOperator<String> voidOf, boolean holdReference, List<Member> more) {
        List<Member> members = new ArrayList<>();
        for (String id : List.of("a", "b"))
            members.add(new Member(id, "http://127.0.0.1:9/" + id + "/sparql", "https://example.org/" + id + "/",
                    "http://127.0.0.1:9/" + id + "/void", Duration.ofSeconds(5), 4, true));
        members.addAll(more);
        MemberRequests statistics = new MemberRequests() {
            @Override
            public Document fetch(Member m, String url, String accept, String etag, Duration timeout) {
                return new Document(voidOf.apply(m.id()), null);
            }

            /** The one query the catalogue sends: how many triples of the reference graph the member holds. */
            @Override
            public List<Binding> select(Member m, String query, Map<String, Var> vars, Duration timeout) {
                return holdReference ? List.of(BindingFactory.binding(Var.alloc("n"), NodeFactory.createLiteralByValue(reference.size()))) : List.of();
            }
        };
        return new MemberCatalog(members, reference, statistics);
    }
}
