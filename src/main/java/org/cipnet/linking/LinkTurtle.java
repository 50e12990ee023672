package org.cipnet.linking;

import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.vocab.CIP;

/**
 * Accepted links as Turtle for the member that owns the linked organisations: each link an
 * {@code adms:Identifier} (notation, registry, page) on the organisation, {@code skos:exactMatch}
 * to the external IRI when the identifier is one, and the PROV activity that made it (the
 * matcher's version as the software agent, the score, automatic or reviewed, when).
 */
public final class LinkTurtle {
    private LinkTurtle() {}

    /** One link: our organisation, the external identifier, its registry code, and how it was made. */
    public record Link(String organisation, String identifier, String registry, double score, boolean reviewed) {}

    private static final String PROV = "http://www.w3.org/ns/prov#";

    public static void write(List<Link> links, OutputStream out) throws IOException {
        Model m = ModelFactory.createDefaultModel();
        var wasAssociatedWith = m.createProperty(PROV + "wasAssociatedWith");
        var endedAtTime = m.createProperty(PROV + "endedAtTime");
        var wasGeneratedBy = m.createProperty(PROV + "wasGeneratedBy");
        m.setNsPrefixes(Map.of("cip", CIP.NS, "adms", NetworkCandidates.ADMS, "skos", SKOS.uri, "prov", PROV, "foaf", NetworkCandidates.FOAF,
                "rdfs", RDFS.uri, "xsd", "http://www.w3.org/2001/XMLSchema#", "reg", CIP.VOCAB + "registry/"));
        String now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
        Resource agent = m.createResource().addProperty(RDF.type, m.createResource(PROV + "SoftwareAgent")).addProperty(RDFS.label, Matcher.VERSION);
        for (Link l : links) {
            Resource org = m.createResource(l.organisation());
            Resource activity = m.createResource().addProperty(RDF.type, m.createResource(PROV + "Activity"))
                    .addProperty(RDFS.label, (l.reviewed() ? "reviewed" : "automatic") + " link by cipnet link", "en")
                    .addProperty(wasAssociatedWith, agent)
                    .addLiteral(m.createProperty(CIP.NS + "matchScore"), m.createTypedLiteral(String.valueOf(l.score()), XSDDatatype.XSDdecimal))
                    .addLiteral(m.createProperty(CIP.NS + "reviewed"), l.reviewed())
                    .addProperty(endedAtTime, m.createTypedLiteral(now, XSDDatatype.XSDdateTime));
            Resource id = m.createResource().addProperty(RDF.type, m.createResource(NetworkCandidates.ADMS + "Identifier"))
                    .addProperty(SKOS.notation, l.identifier())
                    .addProperty(m.createProperty(CIP.registry), m.createResource(CIP.VOCAB + "registry/" + l.registry()))
                    .addProperty(wasGeneratedBy, activity);
            boolean web = l.identifier().matches("(?i)^https?://.+");
            if (web) id.addProperty(m.createProperty(NetworkCandidates.FOAF + "page"), m.createResource(l.identifier()));
            org.addProperty(m.createProperty(NetworkCandidates.ADMS + "identifier"), id);
            String external = web ? l.identifier() : l.registry().equals("wikidata") ? "http://www.wikidata.org/entity/" + l.identifier() : null;
            if (external != null) org.addProperty(SKOS.exactMatch, m.createResource(external));
        }
        RDFDataMgr.write(out, m, Lang.TURTLE);
    }
}
