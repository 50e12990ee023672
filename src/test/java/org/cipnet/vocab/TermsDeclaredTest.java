package org.cipnet.vocab;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.rdf.RdfFiles;
import org.cipnet.testing.Checkout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every cipnet term used anywhere (shapes, data, queries, vocabularies, Java sources and constants) is declared
 * in the ontology or a vocabulary, and every declared term explains itself.
 */
class TermsDeclaredTest {

    private static final Pattern PREFIXED = Pattern.compile("(?<![\\w-])cip:([A-Za-z][A-Za-z0-9_]*)");
    private static final Pattern FULL = Pattern.compile("https://w3id\\.org/cipnet/(ontology#[A-Za-z][A-Za-z0-9_]*|vocab/[a-z0-9-]+(/[A-Za-z0-9-]+)?)");

    static Graph reference;

    @BeforeAll
    static void load() {
        reference = Checkout.validator().reference();
    }

    private static boolean declared(String iri) {
        return reference.contains(NodeFactory.createURI(iri), RDF.type.asNode(), Node.ANY);
    }

    private static List<Path> files(Path dir, String... exts) throws Exception {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(exts).anyMatch(e -> p.toString().endsWith(e))).sorted().toList();
        }
    }

    @Test
    void everyCipTermUsedIsDeclared() throws Exception {
        var project = Checkout.files();
        Map<String, Set<String>> undeclared = new TreeMap<>();
        List<Path> rdf = new ArrayList<>();
        rdf.addAll(files(project.shapes(), ".ttl"));
        rdf.addAll(files(project.data(), ".ttl", ".trig", ".nt", ".jsonld"));
        rdf.addAll(files(project.vocabularies(), ".ttl"));
        rdf.add(project.ontologyFile());
        // IRIs as parsed, then the text itself: SPARQL inside shapes and queries/ is only text.
        for (Path f : rdf) {
            RdfFiles.read(f).find().forEachRemaining(t -> {
                for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()})
                    if (n.isURI()) check(n.getURI(), f, undeclared);
            });
        }
        List<Path> text = new ArrayList<>(files(project.shapes(), ".ttl"));
        text.addAll(files(project.queries(), ".rq"));
        // The Java sources' SPARQL text and IRIs too: the web front and the bench query with cip: terms.
        text.addAll(files(project.home().resolve("src/main/java"), ".java"));
        for (Path f : text) {
            String s = Files.readString(f);
            Matcher m = PREFIXED.matcher(s);
            while (m.find()) check(CIP.NS + m.group(1), f, undeclared);
            m = FULL.matcher(s);
            while (m.find()) check("https://w3id.org/cipnet/" + m.group(1), f, undeclared);
        }
        for (Field field : CIP.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String v = (String) field.get(null);
                if (v.startsWith(CIP.NS) && v.length() > CIP.NS.length())
                    check(v, Path.of("CIP.java#" + field.getName()), undeclared);
            }
        }
        assertTrue(undeclared.isEmpty(), () -> "used but not declared in ontology/ or ontology/vocab/:\n"
                + undeclared.entrySet().stream().map(e -> "  " + e.getKey() + "  used in " + e.getValue())
                        .reduce("", (a, b) -> a + b + "\n"));
    }

    private static void check(String iri, Path where, Map<String, Set<String>> undeclared) {
        boolean ours = (iri.startsWith(CIP.NS) && iri.length() > CIP.NS.length()) || iri.startsWith(CIP.VOCAB);
        if (ours && !declared(iri)) undeclared.computeIfAbsent(iri, k -> new TreeSet<>()).add(where.getFileName().toString());
    }

    @Test
    void everyOntologyTermHasLabelAndDefinition() {
        Set<String> missing = new TreeSet<>();
        int terms = 0;
        for (Node type : new Node[] {OWL.Class.asNode(), OWL.ObjectProperty.asNode(), OWL.DatatypeProperty.asNode(),
                OWL.AnnotationProperty.asNode(), RDF.Property.asNode()}) {
            var it = reference.find(Node.ANY, RDF.type.asNode(), type);
            while (it.hasNext()) {
                Node term = it.next().getSubject();
                if (!term.isURI() || !term.getURI().startsWith(CIP.NS)) continue;
                terms++;
                if (!hasEnglish(term, RDFS.label.asNode())) missing.add(term.getURI() + " lacks rdfs:label@en");
                if (!hasEnglish(term, SKOS.definition.asNode())) missing.add(term.getURI() + " lacks skos:definition@en");
            }
        }
        assertTrue(terms >= 60, "the ontology declares its classes and properties (" + terms + ")");
        assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
    }

    @Test
    void everyConceptHasNotationEnglishLabelDefinitionAndScheme() {
        Set<String> missing = new TreeSet<>();
        int concepts = 0;
        var it = reference.find(Node.ANY, RDF.type.asNode(), SKOS.Concept.asNode());
        while (it.hasNext()) {
            Node c = it.next().getSubject();
            if (!c.isURI() || !c.getURI().startsWith(CIP.VOCAB)) continue;
            concepts++;
            if (!hasEnglish(c, SKOS.prefLabel.asNode())) missing.add(c + " lacks skos:prefLabel@en");
            if (!hasEnglish(c, SKOS.definition.asNode())) missing.add(c + " lacks skos:definition@en");
            if (reference.find(c, SKOS.notation.asNode(), Node.ANY).toList().size() != 1)
                missing.add(c + " needs exactly one skos:notation");
            var schemes = reference.find(c, SKOS.inScheme.asNode(), Node.ANY).toList();
            if (schemes.size() != 1) missing.add(c + " needs exactly one skos:inScheme");
            else if (!c.getURI().startsWith(schemes.get(0).getObject().getURI() + "/"))
                missing.add(c + " lies outside its scheme's IRI space");
        }
        assertTrue(concepts >= 51 + 14, "vocabularies hold at least the 51 categories and 14 ecosystems (" + concepts + ")");
        assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
    }

    @Test
    void observatoryCategoriesAreNumberedOneToFiftyOne() {
        Set<Integer> codes = new TreeSet<>();
        var scheme = NodeFactory.createURI(CIP.VOCAB + "eco-category");
        reference.find(Node.ANY, SKOS.inScheme.asNode(), scheme).forEachRemaining(t ->
                reference.find(t.getSubject(), SKOS.notation.asNode(), Node.ANY)
                        .forEachRemaining(n -> codes.add(Integer.parseInt(n.getObject().getLiteralLexicalForm()))));
        Set<Integer> expected = new TreeSet<>();
        for (int i = 1; i <= 51; i++) expected.add(i);
        assertEquals(expected, codes);
        assertEquals(14, reference.find(Node.ANY, SKOS.inScheme.asNode(), NodeFactory.createURI(CIP.VOCAB + "ecosystem")).toList().size());
    }

    private static boolean hasEnglish(Node s, Node p) {
        return reference.find(s, p, Node.ANY).toList().stream()
                .anyMatch(t -> t.getObject().isLiteral() && t.getObject().getLiteralLanguage().equalsIgnoreCase("en"));
    }
}
