package org.cipnet.opendata;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;

/** What every cipnet SPARQL endpoint says of itself in its SPARQL 1.1 Service Description. */
public final class ServiceDescriptions {
    private ServiceDescriptions() {}

    public static final String SD = "http://www.w3.org/ns/sparql-service-description#";

    /** Adds the service, its endpoint, query language and result formats; returns the service node. */
    public static Node service(Graph g, String endpoint) {
        Node s = NodeFactory.createURI(endpoint);
        g.add(s, RDF.type.asNode(), NodeFactory.createURI(SD + "Service"));
        g.add(s, NodeFactory.createURI(SD + "endpoint"), s);
        g.add(s, NodeFactory.createURI(SD + "supportedLanguage"), NodeFactory.createURI(SD + "SPARQL11Query"));
        for (String f : new String[] {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "JSON-LD", "N-Triples", "RDF_XML"})
            g.add(s, NodeFactory.createURI(SD + "resultFormat"), NodeFactory.createURI("http://www.w3.org/ns/formats/" + f));
        g.getPrefixMapping().setNsPrefix("sd", SD);
        return s;
    }
}
