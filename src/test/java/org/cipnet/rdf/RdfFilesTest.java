package org.cipnet.rdf;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RdfFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void turtleSyntaxErrorNamesLineAndColumn() throws Exception {
        Path f = write("bad.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:d ex:e ex:f .\n");
        var e = assertThrows(RdfSyntaxException.class, () -> RdfFiles.read(f));
        assertEquals(3, e.line());
        assertTrue(e.column() > 1, "column given: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":3:"), e.getMessage());
    }

    @Test
    void ntriplesSyntaxErrorNamesLine() throws Exception {
        Path f = write("bad.nt", "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> oops .\n");
        var e = assertThrows(RdfSyntaxException.class, () -> RdfFiles.read(f));
        assertEquals(2, e.line());
    }

    @Test
    void rdfXmlSyntaxErrorNamesLine() throws Exception {
        Path f = write("bad.rdf", "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "  <rdf:Description rdf:about=\"http://e/a\">\n  </rdf:Descriptio>\n</rdf:RDF>\n");
        var e = assertThrows(RdfSyntaxException.class, () -> RdfFiles.read(f));
        assertEquals(4, e.line(), e.getMessage());
    }

    @Test
    void quadsAreFlattenedIntoOneGraph() throws Exception {
        Path f = write("q.trig", "@prefix ex: <http://example.org/> .\nex:g1 { ex:a ex:b ex:c }\nex:g2 { ex:a ex:b ex:d }\nex:x ex:y ex:z .\n");
        assertEquals(3, RdfFiles.read(f).size());
    }

    @Test
    void rioReadsN3WhichRiotDoesNotRegister() throws Exception {
        Path f = write("x.n3", "@prefix ex: <http://example.org/> .\nex:a ex:b \"c\"@en, 42 .\n");
        var g = RdfFiles.read(f);
        assertEquals(2, g.size());
    }

    @Test
    void rioSyntaxErrorNamesLine() throws Exception {
        Path f = write("bad.n3", "@prefix ex: <http://example.org/> .\n\nex:a ex:b .\n");
        var e = assertThrows(RdfSyntaxException.class, () -> RdfFiles.read(f));
        assertEquals(3, e.line(), e.getMessage());
    }

    @Test
    void missingFileAndEmptyDirectoryAreClearErrors() throws Exception {
        var missing = assertThrows(RdfInputException.class, () -> RdfFiles.collect(List.of(dir.resolve("nope.ttl"))));
        assertTrue(missing.getMessage().contains("no such file or directory"), missing.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not rdf");
        var none = assertThrows(RdfInputException.class, () -> RdfFiles.collect(List.of(empty)));
        assertTrue(none.getMessage().contains("no RDF files in directory"), none.getMessage());
    }

    @Test
    void directoriesAreWalkedForRdfFilesOnly() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(sub.resolve("x.ttl"), "");
        Files.writeString(dir.resolve("a/readme.md"), "");
        Files.writeString(dir.resolve("a/y.nt"), "");
        var files = RdfFiles.collect(List.of(dir.resolve("a")));
        assertEquals(List.of(dir.resolve("a/b/x.ttl"), dir.resolve("a/y.nt")), files);
    }

    @Test
    void aDirectoryGivenThroughASymbolicLinkIsWalked() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real/sub"));
        Files.writeString(real.resolve("x.ttl"), "");
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("real/linked-sub"), real);
        assertEquals(List.of(link.resolve("linked-sub/x.ttl"), link.resolve("sub/x.ttl")), RdfFiles.collect(List.of(link)));
    }
}
