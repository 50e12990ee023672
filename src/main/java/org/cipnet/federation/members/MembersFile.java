package org.cipnet.federation.members;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.rdf.RdfInputException;
import org.cipnet.vocab.CIP;

/**
 * Reads a members file (Turtle): one {@code cip:FederationMember} per member with
 * {@code cip:memberId}, {@code void:sparqlEndpoint}, optionally {@code void:uriSpace},
 * {@code cip:voidDescription}, {@code cip:requestTimeoutSeconds}, {@code cip:maxConcurrentRequests} and
 * {@code cip:blankNodeLabelsStable} (when absent: what the member's Service Description says).
 */
public final class MembersFile {
    private MembersFile() {}

    private static final String VOID = "http://rdfs.org/ns/void#";

    public static List<Member> read(Path file) throws RdfInputException {
        Model m = ModelFactory.createModelForGraph(RdfFiles.read(file));
        List<Member> out = new ArrayList<>();
        for (Resource r : m.listSubjectsWithProperty(RDF.type, m.createResource(CIP.FederationMember)).toList()) {
            String id = string(r, m.createProperty(CIP.memberId));
            Statement ep = r.getProperty(m.createProperty(VOID + "sparqlEndpoint"));
            if (id == null || ep == null || !ep.getObject().isURIResource())
                throw new RdfInputException(file + ": member " + r + " needs cip:memberId and void:sparqlEndpoint <URL>");
            Statement voidDoc = r.getProperty(m.createProperty(CIP.voidDescription));
            String timeout = string(r, m.createProperty(CIP.requestTimeoutSeconds));
            String cap = string(r, m.createProperty(CIP.maxConcurrentRequests));
            String stable = string(r, m.createProperty(CIP.blankNodeLabelsStable));
            out.add(new Member(id, ep.getResource().getURI(), string(r, m.createProperty(VOID + "uriSpace")),
                    voidDoc == null ? null : voidDoc.getResource().getURI(),
                    timeout == null ? Member.DEFAULT_TIMEOUT : Duration.ofMillis(Math.round(Double.parseDouble(timeout) * 1000)),
                    cap == null ? Member.DEFAULT_CONCURRENCY : Integer.parseInt(cap),
                    stable == null ? MemberDiscovery.declaresStableLabels(ep.getResource().getURI()) : Boolean.parseBoolean(stable)));
        }
        if (out.isEmpty()) throw new RdfInputException(file + ": no cip:FederationMember in the members file");
        out.sort(java.util.Comparator.comparing(Member::id));
        return out;
    }

    private static String string(Resource r, org.apache.jena.rdf.model.Property p) {
        Statement s = r.getProperty(p);
        return s == null ? null : s.getObject().isLiteral() ? s.getString() : s.getResource().getURI();
    }
}
