package org.cipnet.federation.planner;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.algebra.Op;
import org.cipnet.federation.members.MemberCatalog;
import org.cipnet.testing.Checkout;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden plans: each {@code src/test/resources/golden-plans/<name>.rq} (bench shapes and catalogue
 * queries) is planned as the federation engine plans it, against a fixed catalogue, and the plan,
 * printed as SSE with the query's prefixes, must equal {@code <name>.sse} beside it. Any change of
 * a plan fails here, so a refactoring of the planner shows it changed nothing, and a deliberate
 * change of the planner shows, in the diff of the {@code .sse} files, every plan it changes.
 *
 * <p>After a deliberate change, regenerate the files and review their diff:
 * {@code mvn -o test -Dtest=GoldenPlansTest -Dgolden.update=true}. A new case is a new {@code .rq}
 * file; the update run writes its {@code .sse}.
 *
 * <p>The catalogue: members {@code a} and {@code b}, each publishing {@code golden-plans/void.ttl}
 * (fixed test statistics and link sets, so the cost order is stable) and holding the reference graph,
 * which is the shipped programme-level code list. No request leaves the test.
 */
class GoldenPlansTest {
    private static final Path DIR = Checkout.files().home().resolve("src/test/resources/golden-plans");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> plansEqualTheGoldenFiles() throws IOException {
        MemberCatalog catalog = catalog();
        List<Path> queries;
        try (Stream<Path> files = Files.list(DIR)) {
            queries = files.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
        assertFalse(queries.isEmpty(), "no golden queries in " + DIR.toAbsolutePath());
        return queries.stream().map(rq -> DynamicTest.dynamicTest(rq.getFileName().toString(), () -> check(rq, catalog)));
    }

    private static void check(Path rq, MemberCatalog catalog) throws IOException {
        Query query = QueryFactory.create(Files.readString(rq, StandardCharsets.UTF_8));
        String plan = print(PlanCounts.plan(query, catalog), query);
        Path sse = rq.resolveSibling(rq.getFileName().toString().replaceFirst("\\.rq$", ".sse"));
        if (UPDATE) {
            Files.writeString(sse, plan, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(sse), sse + " is missing: run with -Dgolden.update=true to write it");
        assertEquals(Files.readString(sse, StandardCharsets.UTF_8), plan, "the plan of " + rq.getFileName() + " changed");
    }

    /** The plan as SSE, IRIs abbreviated with the query's prefixes (stable: the prefixes are the file's). */
    static String print(Op plan, Query query) {
        String text = plan.toString(query.getPrefixMapping());
        return text.endsWith("\n") ? text : text + "\n";
    }

    /** Members a and b with the fixed VoID, both holding the reference graph. */
    static MemberCatalog catalog() throws IOException {
        String voidTemplate = Files.readString(DIR.resolve("void.ttl"), StandardCharsets.UTF_8);
        return TestCatalogs.of(RDFDataMgr.loadGraph(Checkout.files().home().resolve("ontology/vocab/programme-level.ttl").toString()), voidTemplate::formatted, true);
    }
}
