package org.cipnet.opendata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.cipnet.vocab.Prefixes;

/**
 * DCAT-AP 3.0.1 descriptions. A national dataset's description is built from the graph's own
 * self-description (the {@code dcat:Dataset} the agency publishes about its graph: title,
 * description, publisher, licence, spatial, temporal, modified, contact point, themes, keywords),
 * plus what only the node knows: its SPARQL endpoint and its dumps. The catalogue merges the
 * members' descriptions under one {@code dcat:Catalog}.
 *
 * <p>DCAT-AP checks the class of every object (a licence must be a {@code dct:LicenseDocument}, a
 * place a {@code dct:Location}, …) and wants names on agents, so those are stated explicitly here:
 * the national graphs use the EU's authority IRIs and {@code skos:prefLabel}, which carry no such types.
 */
public final class DcatDescriptions {
    private DcatDescriptions() {}

    /** Where a dataset can be queried: its SPARQL endpoint and that endpoint's Service Description. */
    public record Access(String sparqlUrl, String serviceDescriptionUrl) {}

    /**
     * A downloadable dump of a dataset.
     *
     * @param key         a short name, unique per dataset ({@code nt-gz}, {@code ttl}); names the distribution
     * @param mediaType   IANA media type of the content, e.g. {@code application/n-triples}
     * @param compression IANA media type of the compression ({@code application/gzip}), or null
     * @param fileType    the EU file-type code, e.g. {@code RDF_N_TRIPLES}
     * @param sha256      hex SHA-256 of the file's bytes
     */
    public record Download(String key, String url, String title, String mediaType, String compression, String fileType,
                           long bytes, String sha256, Instant modified) {}

    /** Properties copied from the self-description, with the class DCAT-AP expects of their objects (or null). */
    private static final Map<Node, Node> COPIED = Map.ofEntries(
            Map.entry(Dcat.title, Node.ANY), Map.entry(Dcat.description, Node.ANY), Map.entry(Dcat.issued, Node.ANY),
            Map.entry(Dcat.keyword, Node.ANY), Map.entry(Dcat.identifier, Node.ANY),
            Map.entry(Dcat.spatial, Dcat.Location), Map.entry(Dcat.temporal, Dcat.PeriodOfTime),
            Map.entry(Dcat.theme, Dcat.Concept), Map.entry(Dcat.contactPoint, Dcat.Kind),
            Map.entry(Dcat.language, Dcat.LinguisticSystem), Map.entry(Dcat.accrualPeriodicity, Dcat.Frequency),
            Map.entry(Dcat.license, Dcat.LicenseDocument), Map.entry(Dcat.landingPage, NodeFactory.createURI(Dcat.FOAF + "Document")));

    /**
     * The DCAT-AP description of dataset {@code ds} as the graph {@code source} describes it.
     *
     * @param source    a graph holding the dataset's self-description and its publisher's names (the national graph)
     * @param published when the current version was published: the distributions' {@code dct:modified},
     *                  and the dataset's when it does not say
     */
    public static Graph dataset(Graph source, Node ds, Access access, List<Download> downloads, Instant published) {
        Graph g = GraphFactory.createDefaultGraph();
        g.add(ds, RDF.type.asNode(), Dcat.Dataset);
        Set<Node> typed = new HashSet<>();
        for (var e : COPIED.entrySet()) {
            for (Node o : objects(source, ds, e.getKey())) {
                g.add(ds, e.getKey(), o);
                if (e.getValue() != Node.ANY) describeObject(source, o, e.getValue(), g, typed);
            }
        }
        if (objects(source, ds, Dcat.title).isEmpty()) g.add(ds, Dcat.title, NodeFactory.createLiteralLang(ds.getURI(), "en"));
        if (objects(source, ds, Dcat.description).isEmpty())
            // DCAT-AP requires a description; say what is known rather than leave it out.
            g.add(ds, Dcat.description, NodeFactory.createLiteralLang(
                    "The graph " + ds.getURI() + " as published by its member of the Cluster Information Point network.", "en"));
        Optional<Node> publisher = first(objects(source, ds, Dcat.publisher));
        publisher.ifPresent(p -> {
            g.add(ds, Dcat.publisher, p);
            agent(source, p, g);
        });
        Optional<Node> modified = objects(source, ds, Dcat.modified).stream().filter(Node::isLiteral)
                .max(Comparator.comparing(Node::getLiteralLexicalForm));
        g.add(ds, Dcat.modified, modified.orElse(dateTime(published)));
        Optional<Node> license = first(objects(source, ds, Dcat.license));

        Node service = dataService(g, NodeFactory.createURI(ds.getURI() + "/service/sparql"), "SPARQL endpoint",
                "Read-only SPARQL 1.1 query endpoint; its default graph is this dataset.", access, publisher, List.of(ds));
        license.ifPresent(l -> g.add(service, Dcat.license, l));
        for (Node p : List.of(Dcat.contactPoint, Dcat.theme, Dcat.keyword))
            for (Node o : objects(source, ds, p)) g.add(service, p, o);

        Node sparql = distribution(g, ds, "sparql", "SPARQL endpoint", "Query the dataset with SPARQL 1.1.",
                access.sparqlUrl(), license, published);
        g.add(sparql, Dcat.accessService, service);
        format(g, sparql, "SPARQLQ");
        for (Download d : downloads) {
            Node dist = distribution(g, ds, d.key(), d.title(), "The whole dataset as one file, regenerated on every publication.",
                    d.url(), license, d.modified());
            g.add(dist, Dcat.downloadURL, NodeFactory.createURI(d.url()));
            format(g, dist, d.fileType());
            mediaType(g, dist, Dcat.mediaType, d.mediaType());
            if (d.compression() != null) mediaType(g, dist, Dcat.compressFormat, d.compression());
            g.add(dist, Dcat.byteSize, NodeFactory.createLiteralDT(Long.toString(d.bytes()), XSDDatatype.XSDnonNegativeInteger));
            Node sum = NodeFactory.createBlankNode();
            g.add(dist, Dcat.checksum, sum);
            g.add(sum, RDF.type.asNode(), Dcat.Checksum);
            g.add(sum, Dcat.algorithm, Dcat.SHA256);
            g.add(sum, Dcat.checksumValue, NodeFactory.createLiteralDT(d.sha256(), XSDDatatype.XSDhexBinary));
        }
        g.getPrefixMapping().setNsPrefixes(Prefixes.usedIn(g)).setNsPrefix("spdx", Dcat.SPDX).setNsPrefix("dcatap", Dcat.DCATAP);
        return g;
    }

    /**
     * The network's catalogue: one {@code dcat:Catalog} over the members' dataset descriptions, with
     * the federated SPARQL endpoint as its service (serving every dataset) and members without a
     * dataset description as services of their own.
     *
     * @param datasets  the members' DCAT-AP descriptions (as {@link #dataset} makes them)
     * @param services  SPARQL endpoints of members that describe no dataset, by member id
     * @param publisher the catalogue's publisher (the network); named from the descriptions when one of them names it
     */
    public static Graph catalog(Node catalog, String title, String description, Node publisher, List<Graph> datasets,
                                Map<String, String> services, Access federated, Instant now) {
        Graph g = GraphFactory.createDefaultGraph();
        datasets.forEach(d -> d.find().forEachRemaining(g::add));
        g.add(catalog, RDF.type.asNode(), Dcat.Catalog);
        g.add(catalog, Dcat.title, NodeFactory.createLiteralLang(title, "en"));
        g.add(catalog, Dcat.description, NodeFactory.createLiteralLang(description, "en"));
        g.add(catalog, Dcat.publisher, publisher);
        g.add(publisher, RDF.type.asNode(), Dcat.Agent);
        if (!g.contains(publisher, Dcat.name, Node.ANY)) g.add(publisher, Dcat.name, NodeFactory.createLiteralLang(title, "en"));
        List<Node> all = g.find(Node.ANY, RDF.type.asNode(), Dcat.Dataset).mapWith(Triple::getSubject).toList();
        Node latest = null;
        for (Node ds : all) {
            g.add(catalog, Dcat.dataset, ds);
            for (Node s : objects(g, ds, Dcat.spatial)) g.add(catalog, Dcat.spatial, s);
            for (Node m : objects(g, ds, Dcat.modified))
                if (latest == null || m.getLiteralLexicalForm().compareTo(latest.getLiteralLexicalForm()) > 0) latest = m;
        }
        g.add(catalog, Dcat.modified, latest != null ? latest : dateTime(now));
        g.add(catalog, Dcat.service, dataService(g, NodeFactory.createURI(catalog.getURI() + "/service/sparql"),
                "Federated SPARQL endpoint of the network",
                "One read-only SPARQL 1.1 endpoint over every member's graph and the shared reference graph.",
                federated, Optional.of(publisher), all));
        services.forEach((id, url) -> {
            Node s = NodeFactory.createURI(catalog.getURI() + "/service/member/" + id);
            g.add(catalog, Dcat.service, s);
            g.add(s, RDF.type.asNode(), Dcat.DataService);
            g.add(s, Dcat.title, NodeFactory.createLiteralLang("SPARQL endpoint of member " + id, "en"));
            g.add(s, Dcat.endpointURL, NodeFactory.createURI(url));
            standard(g, s, Dcat.SPARQL_PROTOCOL);
        });
        g.getPrefixMapping().setNsPrefixes(Prefixes.usedIn(g)).setNsPrefix("spdx", Dcat.SPDX).setNsPrefix("dcatap", Dcat.DCATAP);
        return g;
    }

    private static Node distribution(Graph g, Node ds, String key, String title, String description, String accessUrl,
                                     Optional<Node> license, Instant modified) {
        Node d = NodeFactory.createURI(ds.getURI() + "/distribution/" + key);
        g.add(ds, Dcat.distribution, d);
        g.add(d, RDF.type.asNode(), Dcat.Distribution);
        g.add(d, Dcat.title, NodeFactory.createLiteralLang(title, "en"));
        g.add(d, Dcat.description, NodeFactory.createLiteralLang(description, "en"));
        g.add(d, Dcat.accessURL, NodeFactory.createURI(accessUrl));
        g.add(d, Dcat.modified, dateTime(modified));
        g.add(d, Dcat.availability, Dcat.STABLE);
        g.add(Dcat.STABLE, RDF.type.asNode(), Dcat.Concept);
        g.add(Dcat.STABLE, Dcat.prefLabel, NodeFactory.createLiteralLang("stable", "en"));
        license.ifPresent(l -> g.add(d, Dcat.license, l));
        return d;
    }

    private static Node dataService(Graph g, Node s, String title, String description, Access access,
                                    Optional<Node> publisher, List<Node> serves) {
        g.add(s, RDF.type.asNode(), Dcat.DataService);
        g.add(s, Dcat.title, NodeFactory.createLiteralLang(title, "en"));
        g.add(s, Dcat.description, NodeFactory.createLiteralLang(description, "en"));
        g.add(s, Dcat.endpointURL, NodeFactory.createURI(access.sparqlUrl()));
        g.add(s, Dcat.endpointDescription, NodeFactory.createURI(access.serviceDescriptionUrl()));
        standard(g, s, Dcat.SPARQL_PROTOCOL);
        publisher.ifPresent(p -> g.add(s, Dcat.publisher, p));
        serves.forEach(ds -> g.add(s, Dcat.servesDataset, ds));
        return s;
    }

    private static void format(Graph g, Node dist, String code) {
        Node f = NodeFactory.createURI(Dcat.FILE_TYPE + code);
        g.add(dist, Dcat.format, f);
        g.add(f, RDF.type.asNode(), Dcat.MediaTypeOrExtent);
    }

    private static void mediaType(Graph g, Node dist, Node property, String type) {
        Node t = NodeFactory.createURI(Dcat.IANA + type);
        g.add(dist, property, t);
        g.add(t, RDF.type.asNode(), Dcat.MediaType);
    }

    private static void standard(Graph g, Node s, Node standard) {
        g.add(s, Dcat.conformsTo, standard);
        g.add(standard, RDF.type.asNode(), Dcat.Standard);
    }

    /** A publisher as DCAT-AP wants it: a {@code foaf:Agent} with a {@code foaf:name} (from its labels). */
    private static void agent(Graph source, Node p, Graph g) {
        g.add(p, RDF.type.asNode(), Dcat.Agent);
        List<Node> names = new ArrayList<>();
        for (Node prop : List.of(Dcat.name, Dcat.prefLabel, RDFS.label.asNode())) names.addAll(objects(source, p, prop));
        names.stream().filter(Node::isLiteral).forEach(n -> g.add(p, Dcat.name, n));
        if (names.stream().noneMatch(Node::isLiteral)) g.add(p, Dcat.name, NodeFactory.createLiteralString(p.toString()));
        for (Node h : objects(source, p, Dcat.homepage)) g.add(p, Dcat.homepage, h);
    }

    /** States the class DCAT-AP expects of an object, and copies what the source says about it (blank nodes whole). */
    private static void describeObject(Graph source, Node o, Node type, Graph g, Set<Node> done) {
        if (o.isLiteral() || !done.add(o)) return;
        g.add(o, RDF.type.asNode(), type);
        if (o.isBlank() || type.equals(Dcat.Kind) || type.equals(Dcat.PeriodOfTime)) copyClosure(source, o, g, new HashSet<>());
        else if (type.equals(Dcat.Concept))
            for (Node l : objects(source, o, Dcat.prefLabel)) g.add(o, Dcat.prefLabel, l);
    }

    private static void copyClosure(Graph source, Node s, Graph g, Set<Node> seen) {
        if (!seen.add(s)) return;
        source.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> {
            g.add(t);
            if (t.getObject().isBlank()) copyClosure(source, t.getObject(), g, seen);
        });
    }

    private static List<Node> objects(Graph g, Node s, Node p) {
        return g.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
    }

    private static Optional<Node> first(List<Node> nodes) {
        return nodes.stream().min(Comparator.comparing(Node::toString));
    }

    private static Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }
}
