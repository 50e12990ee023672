package org.cipnet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.vocab.CIP;

/**
 * Generates synthetic national graphs shaped like the shipped ones: a dataset description, an
 * agency and a programme, cluster organisations with ecosystems, categories and programme
 * participations, names in English and the member's national language, founding years, member
 * organisations by actor type (as indicator observations), excellence-label awards with their
 * validity, and collaborations that cross to other members at a chosen ratio. Every graph says it is synthetic,
 * conforms to the shapes, and is the same for the same seed (IRIs only, lines sorted).
 */
public final class SyntheticGraphs {
    /** @param crossRatio share of cluster organisations with a collaboration in another member */
    public record Params(int members, int organisationsPerMember, long seed, double crossRatio) {}

    private static final String[] COUNTRIES = {"ISL", "NOR", "SWE", "FIN", "DNK", "RUS", "EST", "LVA", "LTU", "POL", "CZE"};
    private static final String[] ECOSYSTEMS = {"agri-food", "digital", "health", "tourism", "construction", "energy-renewables",
            "mobility-transport-automotive", "electronics"};
    private static final String[] LEVELS = {"arena", "nce", "gce"};
    private static final String[] ACTORS = {"sme", "large-enterprise", "research-organisation", "university", "public-authority"};
    private static final String[] LABELS = {"bronze", "silver", "gold"};
    /** Per country (as COUNTRIES): the language of the native label and its word for "cluster". */
    private static final String[][] NATIVE = {{"is", "Klasi"}, {"nb", "Klynge"}, {"sv", "Kluster"}, {"fi", "Klusteri"}, {"da", "Klynge"},
            {"ru", "Кластер"}, {"et", "Klaster"}, {"lv", "Klasteris"}, {"lt", "Klasteris"}, {"pl", "Klaster"}, {"cs", "Klastr"}};
    private static final Node ESCA = NodeFactory.createURI("https://w3id.org/cipnet/net/organisation/esca");

    private SyntheticGraphs() {}

    public static String memberName(int i) {
        return "m" + i;
    }

    public static String space(int i) {
        return CIP.uriSpace(memberName(i));
    }

    /** The graph of member {@code i} (0-based) of a federation generated with {@code p}. */
    public static Graph member(Params p, int i) {
        Random r = new Random(p.seed() * 1_000_003L + i);
        Graph g = GraphFactory.createDefaultGraph();
        String s = space(i);
        Node dataset = uri(s + "dataset"), agency = uri(s + "agency/a"), programme = uri(s + "programme/p"), source = uri(s + "source/generator");
        Node country = uri("http://publications.europa.eu/resource/authority/country/" + COUNTRIES[i % COUNTRIES.length]);
        add(g, dataset, RDF.type, uri("http://www.w3.org/ns/dcat#Dataset"));
        add(g, dataset, RDF.type, uri("http://rdfs.org/ns/void#Dataset"));
        add(g, dataset, DCTerms.title, lit("Synthetic member " + memberName(i) + " (generated, not real data)"));
        add(g, dataset, DCTerms.publisher, agency);
        add(g, dataset, DCTerms.license, uri("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"));
        add(g, dataset, DCTerms.modified, NodeFactory.createLiteralDT("2026-11-22", XSDDatatype.XSDdate));
        add(g, dataset, DCTerms.spatial, country);
        add(g, dataset, uri("http://rdfs.org/ns/void#uriSpace"), NodeFactory.createLiteralString(s));
        add(g, source, RDF.type, uri(CIP.SourceDocument));
        add(g, source, DCTerms.title, lit("cipnet synthetic data generator, seed " + p.seed()));
        add(g, source, uri(CIP.NS + "seedFile"), NodeFactory.createLiteralString("generated"));
        add(g, agency, RDF.type, uri(CIP.Agency));
        add(g, agency, SKOS.prefLabel, lit("Synthetic agency " + memberName(i)));
        add(g, programme, RDF.type, uri(CIP.ClusterProgramme));
        add(g, programme, SKOS.prefLabel, lit("Synthetic cluster programme " + memberName(i)));
        add(g, programme, uri(CIP.NS + "operatedBy"), agency);
        for (String l : LEVELS) add(g, programme, uri(CIP.NS + "hasLevel"), uri(CIP.VOCAB + "programme-level/" + l));
        Node indicators = uri(s + "indicators/main");
        add(g, indicators, RDF.type, uri("http://purl.org/linked-data/cube#DataSet"));
        for (int k = 0; k < p.organisationsPerMember(); k++) {
            String slug = "co-" + k;
            Node co = uri(s + "cluster-organisation/" + slug);
            add(g, co, RDF.type, uri(CIP.ClusterOrganisation));
            add(g, co, SKOS.prefLabel, lit("Synthetic cluster " + memberName(i) + "-" + k));
            String[] nativeName = NATIVE[i % NATIVE.length];
            add(g, co, SKOS.prefLabel, NodeFactory.createLiteralLang(nativeName[1] + " " + memberName(i) + "-" + k, nativeName[0]));
            add(g, co, uri(CIP.country), country);
            add(g, co, uri(CIP.NS + "industrialEcosystem"), uri(CIP.VOCAB + "ecosystem/" + ECOSYSTEMS[r.nextInt(ECOSYSTEMS.length)]));
            add(g, co, uri(CIP.NS + "clusterCategory"), uri(CIP.VOCAB + "eco-category/" + (1 + r.nextInt(51))));
            add(g, co, uri("http://www.w3.org/ns/prov#wasDerivedFrom"), source);
            String level = LEVELS[r.nextInt(LEVELS.length)];
            int begin = 2002 + r.nextInt(20);
            Node part = uri(s + "participation/" + slug), period = uri(s + "period/" + slug), start = uri(s + "instant/" + slug + "-begin");
            add(g, part, RDF.type, uri(CIP.ProgrammeParticipation));
            add(g, part, uri(CIP.NS + "participant"), co);
            add(g, part, uri(CIP.NS + "programme"), programme);
            add(g, part, uri(CIP.NS + "level"), uri(CIP.VOCAB + "programme-level/" + level));
            add(g, part, uri(CIP.NS + "period"), period);
            add(g, part, uri("http://www.w3.org/ns/prov#wasDerivedFrom"), source);
            add(g, period, RDF.type, uri("http://www.w3.org/2006/time#Interval"));
            add(g, period, uri("http://www.w3.org/2006/time#hasBeginning"), start);
            add(g, start, RDF.type, uri("http://www.w3.org/2006/time#Instant"));
            add(g, start, uri("http://www.w3.org/2006/time#inXSDgYear"), NodeFactory.createLiteralDT(Integer.toString(begin), XSDDatatype.XSDgYear));
            for (int a = 0; a < ACTORS.length; a++) {
                Node obs = uri(s + "observation/" + slug + "-" + ACTORS[a]);
                add(g, obs, RDF.type, uri(CIP.Observation));
                add(g, obs, uri("http://purl.org/linked-data/cube#dataSet"), indicators);
                add(g, obs, uri(CIP.NS + "observedEntity"), co);
                add(g, obs, uri(CIP.NS + "indicator"), uri(CIP.VOCAB + "indicator/members"));
                add(g, obs, uri(CIP.NS + "actorType"), uri(CIP.VOCAB + "actor-type/" + ACTORS[a]));
                add(g, obs, uri(CIP.NS + "refPeriod"), NodeFactory.createLiteralDT("2024", XSDDatatype.XSDgYear));
                add(g, obs, uri("http://purl.org/linked-data/sdmx/2009/measure#obsValue"),
                        NodeFactory.createLiteralDT(Integer.toString(r.nextInt(120)), XSDDatatype.XSDinteger));
                add(g, obs, uri("http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure"), uri(CIP.VOCAB + "unit/count"));
                add(g, obs, uri("http://www.w3.org/ns/prov#wasDerivedFrom"), source);
            }
            if (p.members() > 1 && r.nextDouble() < p.crossRatio()) {
                int other = (i + 1 + r.nextInt(p.members() - 1)) % p.members();
                Node partner = uri(space(other) + "cluster-organisation/co-" + r.nextInt(p.organisationsPerMember()));
                Node c = uri(s + "collaboration/" + slug);
                add(g, co, uri(CIP.NS + "collaboratesWith"), partner);
                add(g, c, RDF.type, uri(CIP.NS + "Collaboration"));
                add(g, c, uri(CIP.NS + "collaborator"), co);
                add(g, c, uri(CIP.NS + "collaborator"), partner);
                add(g, c, uri("http://www.w3.org/ns/prov#wasDerivedFrom"), source);
            }
            // Drawn after everything above, so that the rest of a member is the same as before these were added.
            add(g, co, uri("https://schema.org/foundingDate"),
                    NodeFactory.createLiteralDT(Integer.toString(begin - r.nextInt(6)), XSDDatatype.XSDgYear));
            if (r.nextDouble() < 0.2) {
                Node award = uri(s + "label-award/" + slug), validity = uri(s + "period/" + slug + "-label"),
                        from = uri(s + "instant/" + slug + "-label-begin"), to = uri(s + "instant/" + slug + "-label-end");
                add(g, co, uri(CIP.NS + "hasLabelAward"), award);
                add(g, award, RDF.type, uri(CIP.LabelAward));
                add(g, award, uri(CIP.NS + "labelLevel"), uri(CIP.VOCAB + "label-level/" + LABELS[r.nextInt(LABELS.length)]));
                add(g, award, uri(CIP.NS + "awardedBy"), ESCA);
                add(g, award, uri(CIP.NS + "period"), validity);
                add(g, award, uri("http://www.w3.org/ns/prov#wasDerivedFrom"), source);
                add(g, validity, RDF.type, uri("http://www.w3.org/2006/time#Interval"));
                add(g, validity, uri("http://www.w3.org/2006/time#hasBeginning"), from);
                add(g, from, RDF.type, uri("http://www.w3.org/2006/time#Instant"));
                int awarded = 2012 + r.nextInt(10);
                add(g, from, uri("http://www.w3.org/2006/time#inXSDgYear"), NodeFactory.createLiteralDT(Integer.toString(awarded), XSDDatatype.XSDgYear));
                // Every award has its validity end, as the shapes require: the ESCA/EUCLES rule, two years for every level.
                add(g, validity, uri("http://www.w3.org/2006/time#hasEnd"), to);
                add(g, to, RDF.type, uri("http://www.w3.org/2006/time#Instant"));
                add(g, to, uri("http://www.w3.org/2006/time#inXSDgYear"), NodeFactory.createLiteralDT(Integer.toString(awarded + 2), XSDDatatype.XSDgYear));
            }
        }
        return g;
    }

    /** Writes one N-Triples file per member into {@code dir/m{i}/}; returns the files. Sorted lines: same seed, same bytes. */
    public static List<Path> write(Params p, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < p.members(); i++) {
            Path f = dir.resolve(memberName(i)).resolve(memberName(i) + ".nt");
            Files.createDirectories(f.getParent());
            TreeSet<String> lines = new TreeSet<>();
            member(p, i).find().forEachRemaining(t -> lines.add(NodeFmtLib.strNT(t.getSubject()) + " " + NodeFmtLib.strNT(t.getPredicate()) + " " + NodeFmtLib.strNT(t.getObject()) + " ."));
            Files.write(f, lines, StandardCharsets.UTF_8);
            out.add(f);
        }
        return out;
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    private static Node lit(String en) {
        return NodeFactory.createLiteralLang(en, "en");
    }

    private static void add(Graph g, Node s, org.apache.jena.rdf.model.Property p, Node o) {
        g.add(s, p.asNode(), o);
    }

    private static void add(Graph g, Node s, Node p, Node o) {
        g.add(s, p, o);
    }
}
