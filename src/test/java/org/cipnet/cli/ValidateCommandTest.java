package org.cipnet.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.vocabulary.RDF;
import org.cipnet.testing.Checkout;
import org.cipnet.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private static final String PREFIXES = """
            @prefix cip: <https://w3id.org/cipnet/ontology#> .
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            @prefix prov: <http://www.w3.org/ns/prov#> .
            """;

    /** A cluster organisation with neither an English label nor a country: two Violations on one node. */
    private Path invalidOrganisation() throws Exception {
        Path f = dir.resolve("bad-org.ttl");
        Files.writeString(f, PREFIXES + """
                <https://w3id.org/cipnet/no/cluster-organisation/test> a cip:ClusterOrganisation ;
                    skos:prefLabel "Testklynge"@nb .
                """);
        return f;
    }

    @Test
    void violationsExitOneAndNameFocusNodeFileAndMessage() throws Exception {
        Path f = invalidOrganisation();
        var r = Cli.run("validate", f.toString());
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("<https://w3id.org/cipnet/no/cluster-organisation/test>  (" + f + ")"), r.out());
        assertTrue(r.out().contains("Violation"), r.out());
        assertTrue(r.out().contains("cip:country"), r.out());
        assertTrue(r.out().contains("FAIL:"), r.out());
    }

    @Test
    void conformingInputExitsZero() throws Exception {
        Path cases = Checkout.files().home().resolve("src/test/resources/shape-cases");
        List<Path> valid;
        try (Stream<Path> s = Files.list(cases)) {
            valid = s.map(c -> c.resolve("valid.ttl")).filter(Files::exists).sorted().toList();
        }
        assertTrue(valid.size() > 10, "shape cases present");
        for (Path f : valid) {
            var r = Cli.run("validate", f.toString());
            assertEquals(0, r.exit(), f + "\n" + r.all());
            assertTrue(r.out().contains("PASS: 0 violations"), r.out());
        }
        var data = Cli.run("validate", Checkout.files().data().resolve("no").toString());
        assertEquals(0, data.exit(), data.all());
    }

    @Test
    void jsonReportCountsViolations() throws Exception {
        var r = Cli.run("validate", "--format", "json", invalidOrganisation().toString());
        assertEquals(1, r.exit());
        var json = new ObjectMapper().readTree(r.out());
        assertFalse(json.get("passes").asBoolean());
        assertTrue(json.get("violations").asInt() >= 2, r.out());
        boolean named = false;
        for (var res : json.get("results"))
            named |= res.get("focusNode").asText().equals("https://w3id.org/cipnet/no/cluster-organisation/test");
        assertTrue(named, r.out());
    }

    @Test
    void turtleReportIsTheW3cReport() throws Exception {
        var r = Cli.run("validate", "--format", "turtle", invalidOrganisation().toString());
        assertEquals(1, r.exit());
        Model m = ModelFactory.createDefaultModel();
        m.read(new StringReader(r.out()), null, "TTL");
        var sh = "http://www.w3.org/ns/shacl#";
        assertTrue(m.contains(null, RDF.type, m.createResource(sh + "ValidationReport")));
        assertTrue(m.contains(null, m.createProperty(sh + "focusNode"),
                m.createResource("https://w3id.org/cipnet/no/cluster-organisation/test")));
    }

    @Test
    void syntaxErrorExitsTwoWithFileLineColumn() throws Exception {
        Path f = dir.resolve("broken.ttl");
        Files.writeString(f, PREFIXES + "<https://w3id.org/cipnet/no/x> a cip:ClusterOrganisation ;\n  skos:prefLabel \"oops\"@en\n  .. \n");
        var r = Cli.run("validate", f.toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().matches("(?s).*" + java.util.regex.Pattern.quote(f.toString()) + ":6:\\d+: syntax error: .*"), r.err());
    }

    @Test
    void missingFileAndEmptyDirectoryExitTwo() throws Exception {
        var missing = Cli.run("validate", dir.resolve("nothing.ttl").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file or directory"), missing.err());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        var none = Cli.run("validate", empty.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no RDF files in directory " + empty), none.err());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : Main.commandLine().getSubcommands().keySet()) {
            if (sub.equals("help")) continue;
            var r = Cli.run(sub, "--help");
            assertEquals(0, r.exit(), sub);
            assertTrue(r.out().contains("Usage: cipnet " + sub), r.out());
        }
    }
}
