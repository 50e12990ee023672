package org.cipnet.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cipnet.linking.Candidate;
import org.cipnet.linking.Countries;
import org.cipnet.linking.Matcher;
import org.cipnet.linking.Scored;

/**
 * The preview card: an entity's names and the facts the matcher uses as evidence, and — when the
 * preview is asked with the query — the score and each signal's feature. Everything from the data
 * is HTML-escaped.
 */
final class Preview {
    private Preview() {}

    static String card(Candidate c, Matcher m, Scored s, List<String> langs) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(esc(c.label(langs))).append("</title><style>body{font:13px system-ui,sans-serif;margin:6px}"
                        + "h1{font-size:15px;margin:0 0 4px}table{border-collapse:collapse}td,th{padding:1px 6px;text-align:left;vertical-align:top}"
                        + "th{color:#555;font-weight:normal}.f td{font-variant-numeric:tabular-nums}</style></head><body>");
        b.append("<h1>").append(esc(c.label(langs))).append("</h1><table>");
        List<String> other = new ArrayList<>(c.names());
        other.remove(c.label(langs));
        row(b, "Other names", String.join(" · ", other));
        row(b, "Country", c.country() == null ? null : Countries.name(c.country()));
        row(b, "City", c.city());
        row(b, "Region", String.join(", ", c.regions().stream().map(r -> r.substring(r.lastIndexOf('/') + 1)).sorted().toList()));
        row(b, "Categories", String.join(", ", c.categories().stream().map(x -> m.conceptLabel(x) != null ? m.conceptLabel(x) : x.substring(x.lastIndexOf('/') + 1)).sorted().toList()));
        row(b, "Homepage", c.domain());
        row(b, "Identifiers", String.join(", ", c.identifiers().stream().sorted().toList()));
        b.append("</table>");
        if (s != null) {
            b.append("<table class=\"f\"><tr><th>score</th><td>").append(s.score()).append("</td></tr>");
            for (Map.Entry<String, Double> f : s.features().entrySet())
                b.append("<tr><th>").append(esc(f.getKey())).append("</th><td>").append(f.getValue()).append("</td></tr>");
            b.append("</table>");
        } else b.append("<p style=\"color:#555\">Features: add <code>&amp;query=…</code> (and <code>&amp;country=…</code>, <code>&amp;city=…</code>) to see each signal.</p>");
        b.append("<p><a href=\"").append(esc(c.iri())).append("\" target=\"_blank\">").append(esc(c.iri())).append("</a></p></body></html>");
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String value) {
        if (value == null || value.isBlank()) return;
        b.append("<tr><th>").append(name).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray())
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        return out.toString();
    }
}
