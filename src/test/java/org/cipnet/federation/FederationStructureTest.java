package org.cipnet.federation;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.cipnet.testing.Checkout;
import org.junit.jupiter.api.Test;

/**
 * The federator's packages depend on each other one way only (what members hold, then planning,
 * then execution: no cycle such as members ⇄ planner or members ⇄ exec), read from the compiled
 * classes by the JDK's jdeps; and no federator class keeps per-query state in a ThreadLocal (it
 * travels in the query's ARQ context).
 */
class FederationStructureTest {
    static final String ROOT = "org.cipnet.federation";

    @Test
    void theFederatorsPackagesHaveNoCycles() {
        Map<String, Set<String>> deps = packageDependencies();
        assertTrue(deps.containsKey(ROOT + ".exec") && deps.get(ROOT + ".exec").contains(ROOT + ".members"),
                "jdeps saw exec use members: " + deps.get(ROOT + ".exec"));
        List<String> cycles = new ArrayList<>();
        for (String a : deps.keySet())
            for (String b : deps.get(a))
                if (a.compareTo(b) < 0 && reaches(deps, b, a)) cycles.add(a + " ⇄ " + b);
        assertEquals(List.of(), cycles, "package cycles among " + deps);
    }

    @Test
    void noFederatorClassKeepsAThreadLocal() throws Exception {
        Path classes = Checkout.files().home().resolve("target/classes");
        List<String> found = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> s = Files.walk(classes.resolve(ROOT.replace('.', '/')))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceFirst("\\.class$", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                seen++;
                for (Field f : c.getDeclaredFields())
                    if (ThreadLocal.class.isAssignableFrom(f.getType())) found.add(name + "." + f.getName() + (Modifier.isStatic(f.getModifiers()) ? " (static)" : ""));
            }
        }
        assertTrue(seen > 20, seen + " classes read");
        assertEquals(List.of(), found);
    }

    /** Package → the packages under {@link #ROOT} it uses, from {@code jdeps -verbose:package}. */
    private static Map<String, Set<String>> packageDependencies() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("this JDK has no jdeps"));
        StringWriter out = new StringWriter(), err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package",
                Checkout.files().home().resolve("target/classes").toString());
        assertEquals(0, rc, err.toString());
        Pattern edge = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s");
        Map<String, Set<String>> deps = new HashMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = edge.matcher(line);
            if (m.find() && inFederator(m.group(1)) && inFederator(m.group(2)) && !m.group(1).equals(m.group(2)))
                deps.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
        }
        return deps;
    }

    private static boolean inFederator(String pkg) {
        return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
    }

    private static boolean reaches(Map<String, Set<String>> deps, String from, String to) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (p.equals(to)) return true;
            if (seen.add(p)) todo.addAll(deps.getOrDefault(p, Set.of()));
        }
        return false;
    }
}
