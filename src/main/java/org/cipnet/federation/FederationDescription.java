package org.cipnet.federation;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.cipnet.federation.members.Member;
import org.cipnet.opendata.RdfNegotiation;
import org.cipnet.opendata.ServiceDescriptions;
import org.cipnet.vocab.CIP;
import org.cipnet.vocab.Prefixes;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the federator says of itself: the SPARQL Service Description (a GET of {@code /sparql}
 * without a query) and the VoID description at {@code /.well-known/void}. Both list the members
 * the way a members file does ({@code cip:FederationMember} with id, endpoint, URI space and VoID),
 * and describe the federation as a {@code void:Dataset} whose subsets are the members' datasets.
 */
final class FederationDescription {
    private static final String VOID = "http://rdfs.org/ns/void#";
    static final Node FEDERATION = NodeFactory.createURI(CIP.BASE + "net/federation");

    /** The catalogue's current members (one that answers only after the start is taken as it then describes itself). */
    private final java.util.function.Supplier<List<Member>> members;

    FederationDescription(java.util.function.Supplier<List<Member>> members) {
        this.members = members;
    }

    /** Where a cipnet node serves one of its documents ({@code dcat}, {@code dump.nt.gz}), beside its VoID; empty for other members. */
    static Optional<String> nodeDocument(Member m, String name) {
        if (m.voidUrl() == null || !m.voidUrl().endsWith("/void") || !m.sparql().endsWith("/sparql")) return Optional.empty();
        return Optional.of(m.voidUrl().substring(0, m.voidUrl().length() - "void".length()) + name);
    }

    /** The federation as a VoID dataset with one subset per member. */
    Graph voidGraph(String base) {
        Graph g = GraphFactory.createDefaultGraph();
        g.add(FEDERATION, RDF.type.asNode(), uri(VOID + "Dataset"));
        g.add(FEDERATION, uri(VOID + "sparqlEndpoint"), uri(base + "sparql"));
        g.add(FEDERATION, uri("http://purl.org/dc/terms/title"), NodeFactory.createLiteralLang("Cluster Information Point network, federated", "en"));
        g.add(FEDERATION, RDFS.seeAlso.asNode(), uri(base + "catalog"));
        for (Member m : members.get()) {
            Node ds = m.uriSpace() == null ? NodeFactory.createBlankNode() : uri(m.uriSpace() + "dataset");
            g.add(FEDERATION, uri(VOID + "subset"), ds);
            g.add(ds, RDF.type.asNode(), uri(VOID + "Dataset"));
            g.add(ds, uri(VOID + "sparqlEndpoint"), uri(m.sparql()));
            if (m.uriSpace() != null) g.add(ds, uri(VOID + "uriSpace"), NodeFactory.createLiteralString(m.uriSpace()));
            if (m.voidUrl() != null) g.add(ds, RDFS.seeAlso.asNode(), uri(m.voidUrl()));
            nodeDocument(m, "dump.nt.gz").ifPresent(d -> g.add(ds, uri(VOID + "dataDump"), uri(d)));
            member(g, m, ds);
        }
        g.getPrefixMapping().setNsPrefixes(Prefixes.usedIn(g));
        return g;
    }

    /** The Service Description of {@code /sparql}: the federated dataset and the members it is made of. */
    Graph serviceDescription(String base) {
        Graph g = voidGraph(base);
        Node s = ServiceDescriptions.service(g, base + "sparql");
        Node dataset = NodeFactory.createBlankNode(), defaultGraph = NodeFactory.createBlankNode(), named = NodeFactory.createBlankNode();
        g.add(s, sd("defaultDataset"), dataset);
        g.add(dataset, RDF.type.asNode(), sd("Dataset"));
        g.add(dataset, sd("defaultGraph"), defaultGraph);
        g.add(defaultGraph, RDF.type.asNode(), sd("Graph"));
        g.add(defaultGraph, uri(VOID + "inDataset"), FEDERATION);
        g.add(dataset, sd("namedGraph"), named);
        g.add(named, sd("name"), uri(CIP.BASE + "graph/reference"));
        g.add(s, uri(VOID + "dataset"), FEDERATION);
        return g;
    }

    private static void member(Graph g, Member m, Node dataset) {
        Node n = NodeFactory.createBlankNode();
        g.add(n, RDF.type.asNode(), uri(CIP.FederationMember));
        g.add(n, uri(CIP.memberId), NodeFactory.createLiteralString(m.id()));
        g.add(n, uri(VOID + "sparqlEndpoint"), uri(m.sparql()));
        if (m.uriSpace() != null) g.add(n, uri(VOID + "uriSpace"), NodeFactory.createLiteralString(m.uriSpace()));
        if (m.voidUrl() != null) g.add(n, uri(CIP.voidDescription), uri(m.voidUrl()));
        g.add(n, uri(VOID + "inDataset"), dataset);
    }

    static String base(HttpServletRequest req) {
        return req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + "/";
    }

    /** Answers a GET of the endpoint without a query with the Service Description; other requests pass on. */
    Filter serviceDescriptionFilter() {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
                HttpServletRequest req = (HttpServletRequest) request;
                if (!"GET".equals(req.getMethod()) || req.getParameter("query") != null) {
                    chain.doFilter(request, response);
                    return;
                }
                RdfNegotiation.write((HttpServletResponse) response, serviceDescription(base(req)), req.getHeader("Accept"));
            }
        };
    }

    /** {@code /.well-known/void}. */
    HttpServlet wellKnownVoid() {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                RdfNegotiation.write(res, voidGraph(base(req)), req.getHeader("Accept"));
            }
        };
    }

    private static Node sd(String local) {
        return uri(ServiceDescriptions.SD + local);
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }
}
