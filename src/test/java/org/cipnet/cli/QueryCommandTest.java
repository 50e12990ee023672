package org.cipnet.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cipnet.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query that does not parse is reported with where it came from and the line and column, before any request. */
class QueryCommandTest {
    @TempDir
    Path dir;

    @Test
    void aMistypedFileNameIsNamedNotParsedAsAStackTrace() {
        var r = Cli.run("query", "--endpoint", "http://127.0.0.1:9/sparql", dir.resolve("missing.rq").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("missing.rq (no such file; read as query text)"), r.err());
        assertFalse(r.all().contains("\tat "), "no stack trace: " + r.all());
    }

    @Test
    void aSyntaxErrorInAFileGivesLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.rq");
        Files.writeString(f, "SELECT * WHERE {\n  ?s ?p \n}\n");
        var r = Cli.run("explain", "--endpoint", "http://127.0.0.1:9/sparql", f.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("cipnet explain: " + f + ": syntax error: "), r.err());
        assertTrue(r.err().contains("line 3, column 1"), r.err());
    }
}
