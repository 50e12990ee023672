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
        long requests = -1;
        for (JsonNode m : wide.get("results")) {
            assertEquals("star", m.get("query").asText());
            assertTrue(java.util.Set.of("reference", "same").contains(m.get("check").asText()), m.toString());
            // The members holding the star's data, as the bench's oracle counts them; the bound object
            // (cip:clusterCategory) keeps the others out, so it can be fewer than the 4 members.
            if (m.get("system").asText().equals("cipnet")) {
                assertTrue(m.get("ideal").asInt() > 0, "some member holds the star: " + m);
                assertEquals(m.get("ideal").asDouble(), m.get("requests").asDouble(), "one request per member holding the star: " + m);
                requests = m.get("requests").asLong();
            }
        }
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| star |") && md.contains(requests + " req"), "the run's requests in the report: " + md);
    }

    @Test
    void aScaleRunThatIsNotMembersByTriplesIsRefused() {
        var r = Cli.run("bench", "--scale-runs", "100by10000", "--out", dir.resolve("report").toString());
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("--scale-runs: '100by10000' is not MEMBERSxTRIPLES"), r.all());
        assertFalse(r.all().contains("\tat "), "no stack trace: " + r.all());
    }
}
