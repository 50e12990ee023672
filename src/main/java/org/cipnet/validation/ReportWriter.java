package org.cipnet.validation;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.cipnet.vocab.Prefixes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders a validation outcome as readable text, JSON, or the W3C SHACL report in Turtle. */
public final class ReportWriter {
    private ReportWriter() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Text for people: one block per focus node, violations first, each with what to do. */
    public static String text(ValidationOutcome o) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        Map<String, List<Finding>> byFocus = new LinkedHashMap<>();
        for (Finding f : o.findings()) byFocus.computeIfAbsent(f.focusNode(), k -> new java.util.ArrayList<>()).add(f);
        for (var e : byFocus.entrySet()) {
            List<Finding> fs = e.getValue();
            String focus = e.getKey().startsWith("[]") ? e.getKey() : "<" + e.getKey() + ">";
            String files = fs.get(0).files().isEmpty() ? "" : "  (" + String.join(", ", fs.get(0).files()) + ")";
            out.println(focus + files);
            for (Finding f : fs) {
                StringBuilder head = new StringBuilder("  ").append(f.severity().label());
                if (!f.path().isEmpty()) head.append("  ").append(f.path());
                head.append("  [").append(f.component()).append(']');
                out.println(head);
                out.println("    " + f.message());
                if (!f.value().isEmpty()) out.println("    value: " + f.value());
            }
            out.println();
        }
        out.printf("%s: %d violation%s, %d warning%s in %d file%s (%d triples, %d ms)%n",
                o.passes() ? "PASS" : "FAIL", o.violations(), o.violations() == 1 ? "" : "s",
                o.warnings(), o.warnings() == 1 ? "" : "s", o.files().size(), o.files().size() == 1 ? "" : "s",
                o.triples(), o.millis());
        out.flush();
        return sw.toString();
    }

    /** Plain JSON for programs: counts, the gate's verdict and one object per finding. */
    public static String json(ValidationOutcome o) {
        ObjectNode root = JSON.createObjectNode();
        root.put("passes", o.passes());
        root.put("violations", o.violations());
        root.put("warnings", o.warnings());
        root.put("triples", o.triples());
        ArrayNode files = root.putArray("files");
        o.files().forEach(files::add);
        ArrayNode results = root.putArray("results");
        for (Finding f : o.findings()) {
            ObjectNode r = results.addObject();
            r.put("severity", f.severity().label());
            r.put("focusNode", f.focusNode());
            r.put("path", f.path());
            r.put("value", f.value());
            r.put("message", f.message());
            r.put("component", f.component());
            r.put("shape", f.shape());
            ArrayNode fl = r.putArray("files");
            f.files().forEach(fl::add);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The W3C SHACL validation report as RDF in the given language. */
    public static String rdf(ValidationOutcome o, Lang lang) {
        Model m = o.report().getModel();
        m.setNsPrefixes(Prefixes.usedIn(m.getGraph()));
        StringWriter sw = new StringWriter();
        RDFDataMgr.write(sw, m, lang);
        return sw.toString();
    }
}
