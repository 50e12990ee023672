package org.cipnet.node;

import java.io.IOException;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.cipnet.vocab.Prefixes;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a plain GET of the SPARQL endpoint (no query) with a SPARQL 1.1 Service Description,
 * pointing to the VoID description; every other request passes on to Fuseki.
 */
final class ServiceDescription implements Filter {
    private static final String SD = org.cipnet.opendata.ServiceDescriptions.SD;
    private final String country;
    private final String endpoint;

    ServiceDescription(String country, String endpoint) {
        this.country = country;
        this.endpoint = endpoint;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        if (!"GET".equals(http.getMethod()) || http.getParameter("query") != null) {
            chain.doFilter(req, res);
            return;
        }
        Lang lang = Responses.rdfLang(http.getHeader("Accept"));
        if (lang == null) lang = Lang.TURTLE;
        HttpServletResponse out = (HttpServletResponse) res;
        out.setStatus(200);
        out.setContentType(lang.getContentType().getContentTypeStr() + "; charset=utf-8");
        RDFDataMgr.write(out.getOutputStream(), describe(), lang);
    }

    Graph describe() {
        Graph g = GraphFactory.createDefaultGraph();
        Node s = org.cipnet.opendata.ServiceDescriptions.service(g, endpoint);
        // The node keeps blank-node labels stable (ARQ.outputGraphBNodeLabels) and reads <_:label> back:
        // said here so that a federator may join on blank nodes across requests.
        g.add(s, uri(SD + "feature"), uri(org.cipnet.vocab.CIP.StableBlankNodeLabels));
        Node dataset = NodeFactory.createBlankNode();
        Node defaultGraph = NodeFactory.createBlankNode();
        g.add(s, uri(SD + "defaultDataset"), dataset);
        g.add(dataset, RDF.type.asNode(), uri(SD + "Dataset"));
        g.add(dataset, uri(SD + "defaultGraph"), defaultGraph);
        g.add(defaultGraph, RDF.type.asNode(), uri(SD + "Graph"));
        g.add(defaultGraph, uri("http://rdfs.org/ns/void#inDataset"), VoidDescription.datasetOf(country));
        Node named = NodeFactory.createBlankNode();
        g.add(dataset, uri(SD + "namedGraph"), named);
        g.add(named, uri(SD + "name"), GraphNames.REFERENCE);
        g.add(s, uri("http://rdfs.org/ns/void#dataset"), VoidDescription.datasetOf(country));
        g.add(s, uri("http://www.w3.org/2000/01/rdf-schema#seeAlso"), uri(endpoint.replaceFirst("/sparql$", "/void")));
        g.getPrefixMapping().setNsPrefixes(Prefixes.usedIn(g)).setNsPrefix("sd", SD);
        return g;
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }
}
