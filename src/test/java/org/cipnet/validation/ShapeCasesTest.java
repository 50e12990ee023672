package org.cipnet.validation;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cipnet.testing.Checkout;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One conforming and one violating example per shape rule, from
 * {@code src/test/resources/shape-cases/{rule}/}. Each {@code invalid.ttl} names what the report must
 * contain in header lines {@code # expect: <focus> sh:Component Severity}; a blank-node focus is
 * written as the validator describes it, e.g. {@code [] (the cip:period of <IRI>)}.
 */
class ShapeCasesTest {

    private static final Pattern EXPECT =
            Pattern.compile("^#\\s*expect:\\s*(<[^>]+>|\\[\\].*\\))\\s+(sh:\\w+)\\s+(Violation|Warning|Info)\\s*$");

    record Expectation(String focus, String component, String severity) {}

    static List<Expectation> expectations(Path file) throws Exception {
        List<Expectation> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = EXPECT.matcher(line.strip());
            if (m.matches()) {
                String focus = m.group(1).startsWith("<") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
                out.add(new Expectation(focus, m.group(2), m.group(3)));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyRuleHasAConformingAndAViolatingExample() throws Exception {
        Path root = Checkout.files().home().resolve("src/test/resources/shape-cases");
        List<Path> cases;
        try (Stream<Path> s = Files.list(root)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() >= 20, "at least 20 shape cases, found " + cases.size());
        return cases.stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.getFileName() + " valid", () -> {
                    var outcome = Checkout.validator().validateFiles(List.of(c.resolve("valid.ttl")));
                    assertTrue(outcome.passes(), () -> ReportWriter.text(outcome));
                    // Warnings pass: that the conforming example has none of the findings the other one must have shows the rule can tell them apart.
                    for (Expectation e : expectations(c.resolve("invalid.ttl")))
                        assertFalse(outcome.findings().stream().anyMatch(f -> f.focusNode().equals(e.focus()) && f.component().equals(e.component())
                                && f.severity().label().equals(e.severity())), () -> "the conforming example has " + e + ":\n" + ReportWriter.text(outcome));
                }),
                DynamicTest.dynamicTest(c.getFileName() + " invalid", () -> {
                    Path invalid = c.resolve("invalid.ttl");
                    List<Expectation> expected = expectations(invalid);
                    assertFalse(expected.isEmpty(), "invalid.ttl declares '# expect:' lines");
                    var outcome = Checkout.validator().validateFiles(List.of(invalid));
                    for (Expectation e : expected) {
                        boolean found = outcome.findings().stream().anyMatch(f -> f.focusNode().equals(e.focus())
                                && f.component().equals(e.component()) && f.severity().label().equals(e.severity()));
                        assertTrue(found, () -> "expected " + e + " in\n" + outcome.findings().stream()
                                .map(f -> f.severity().label() + " " + f.focusNode() + " " + f.component() + " " + f.message())
                                .collect(Collectors.joining("\n")));
                    }
                    if (expected.stream().anyMatch(e -> e.severity().equals("Violation"))) assertFalse(outcome.passes());
                    else assertTrue(outcome.passes(), "warnings alone pass");
                })));
    }
}
