package org.cipnet.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.cipnet.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The CI smoke test of {@code cipnet bench}: every system answers every shape, and every answer equals the central store's. */
class BenchQuickTest {
    @TempDir
    Path dir;

    @Test
    void quickBenchAnswersEverywhereAndMatches() throws Exception {
        Path out = dir.resolve("report");
        var r = Cli.run("bench", "--quick", "--out", out.toString(), "--work", dir.resolve("work").toString());
        assertEquals(0, r.exit(), r.all());
        for (String f : new String[] {"report.md", "report.json", "latency.svg"}) assertTrue(Files.size(out.resolve(f)) > 0, f);

        JsonNode main = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("main");
        assertEquals(3, main.get("members").asInt());
        // The compiler threads' share of each loading path's CPU: a part of it, read from /proc where there is one.
        for (String path : new String[] {"gate", "bulk"}) {
            JsonNode jit = main.get(path + "JitSeconds");
            if (!Files.isDirectory(Path.of("/proc/self/task"))) continue;
            double cpu = main.get(path + "CpuSeconds").asDouble();
            assertTrue(jit.isNumber() && jit.asDouble() >= 0 && jit.asDouble() <= cpu, path + ": JIT " + jit + " of " + cpu + " CPU-s");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode m : main.get("results")) {
            String system = m.get("system").asText();
            seen.add(m.get("query").asText() + "/" + system);
            String check = m.get("check").asText();
            if (system.equals("fedx")) assertFalse(check.startsWith("error"), "FedX answers (its wrong answers are the report's findings): " + m);
            else assertTrue(Set.of("reference", "same").contains(check), m.toString());
            if (!system.equals("central")) assertTrue(m.get("requests").asDouble() >= 1, "a federated answer asks the members: " + m);
        }
        for (BenchQuery q : BenchQueries.shapes())
            for (String s : new String[] {"central", "cipnet", "fedx"}) assertTrue(seen.contains(q.name() + "/" + s), q.name() + "/" + s);
        String svg = Files.readString(out.resolve("latency.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("count-by-ecosystem"), "the chart names the queries");
    }
}
