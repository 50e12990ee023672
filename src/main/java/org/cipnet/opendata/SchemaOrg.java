package org.cipnet.opendata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * schema.org {@code Dataset} markup for a web page (the network page), from the DCAT-AP catalogue:
 * what search engines read to list the datasets. Each {@code dcat:Dataset} becomes a
 * {@code schema:Dataset} with its names, descriptions, licence, publisher, places, modification date
 * and downloads; the catalogue a {@code schema:DataCatalog} that includes them. Returned as JSON-LD
 * for a {@code <script type="application/ld+json">} element, with {@code </} escaped so that the
 * data cannot end the script.
 */
public final class SchemaOrg {
    private SchemaOrg() {}

    private static final String S = "https://schema.org/";

    public static String jsonLd(Graph catalog) {
        Graph g = GraphFactory.createDefaultGraph();
        for (Node c : catalog.find(Node.ANY, RDF.type.asNode(), Dcat.Catalog).mapWith(Triple::getSubject).toList()) {
            g.add(c, RDF.type.asNode(), s("DataCatalog"));
            copy(catalog, c, Dcat.title, g, s("name"));
            copy(catalog, c, Dcat.description, g, s("description"));
            for (Node ds : objects(catalog, c, Dcat.dataset)) g.add(c, s("dataset"), ds);
        }
        for (Node ds : catalog.find(Node.ANY, RDF.type.asNode(), Dcat.Dataset).mapWith(Triple::getSubject).toList()) {
            g.add(ds, RDF.type.asNode(), s("Dataset"));
            copy(catalog, ds, Dcat.title, g, s("name"));
            copy(catalog, ds, Dcat.description, g, s("description"));
            copy(catalog, ds, Dcat.modified, g, s("dateModified"));
            copy(catalog, ds, Dcat.keyword, g, s("keywords"));
            for (Node l : objects(catalog, ds, Dcat.license)) g.add(ds, s("license"), l);
            for (Node p : objects(catalog, ds, Dcat.publisher)) {
                g.add(ds, s("publisher"), p);
                g.add(p, RDF.type.asNode(), s("Organization"));
                copy(catalog, p, Dcat.name, g, s("name"));
            }
            for (Node place : objects(catalog, ds, Dcat.spatial)) {
                g.add(ds, s("spatialCoverage"), place);
                g.add(place, RDF.type.asNode(), s("Place"));
            }
            for (Node d : objects(catalog, ds, Dcat.distribution)) {
                for (Node url : objects(catalog, d, Dcat.downloadURL)) {
                    Node download = NodeFactory.createBlankNode();
                    g.add(ds, s("distribution"), download);
                    g.add(download, RDF.type.asNode(), s("DataDownload"));
                    g.add(download, s("contentUrl"), url);
                    for (Node t : objects(catalog, d, Dcat.mediaType))
                        g.add(download, s("encodingFormat"), NodeFactory.createLiteralString(t.getURI().substring(Dcat.IANA.length())));
                }
            }
        }
        g.getPrefixMapping().setNsPrefix("schema", S);
        var out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, RDFFormat.JSONLD11_PRETTY);
        return out.toString(StandardCharsets.UTF_8).replace("</", "<\\/");
    }

    private static void copy(Graph from, Node s, Node p, Graph to, Node as) {
        for (Node o : objects(from, s, p)) to.add(s, as, o);
    }

    private static List<Node> objects(Graph g, Node s, Node p) {
        return g.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
    }

    private static Node s(String local) {
        return NodeFactory.createURI(S + local);
    }
}
