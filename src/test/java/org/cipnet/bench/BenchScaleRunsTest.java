package org.cipnet.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cipnet.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code cipnet bench --scale-runs}: a further scaling run of its own size, in the report with requests per query. */
class BenchScaleRunsTest {
    @TempDir
    Path dir;

    @Test
    void aScaleRunOfItsOwnSizeIsReportedWithRequestsPerQuery() throws Exception {
        Path out = dir.resolve("report");
        var r = Cli.run("bench", "--members", "2", "--triples", "1000", "--no-fedx", "--repeat", "1", "--scale-repeat", "1",
                "--scale-members", "2", "--scale-triples", "1000", "--scale-at", "2", "--scale-runs", "4x1000", "--queries", "^star$",
                "--out", out.toString(), "--work", dir.resolve("work").toString());
        assertEquals(0, r.exit(), r.all());
        JsonNode scaling = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("scaling");
        JsonNode wide = null;
        for (JsonNode run : scaling) if (run.get("members").asInt() == 4) wide = run;
        assertNotNull(wide, "the 4-member run is in the report: " + scaling);
        for (JsonNode m : wide.get("results")) {
            assertEquals("star", m.get("query").asText());
            assertTrue(java.util.Set.of("reference", "same").contains(m.get("check").asText()), m.toString());
            if (m.get("system").asText().equals("cipnet")) assertEquals(4, m.get("requests").asDouble(), "one request per member holding stars: " + m);
        }
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| star |") && md.contains("4 req"), md);
    }

    @Test
    void aScaleRunThatIsNotMembersByTriplesIsRefused() {
        var r = Cli.run("bench", "--scale-runs", "100by10000", "--out", dir.resolve("report").toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("--scale-runs: '100by10000' is not MEMBERSxTRIPLES"), r.all());
        assertFalse(r.all().contains("\tat "), "no stack trace: " + r.all());
    }
}
