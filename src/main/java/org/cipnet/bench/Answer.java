package org.cipnet.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One system's answer in a form every engine can be compared in: a bag of rows, each row its bound
 * variables in name order with canonical terms. Numbers compare by value (to 12 significant digits,
 * so an AVG computed in another engine's decimal arithmetic still matches), blank nodes compare as
 * "some blank node", and row order is ignored (top-k queries order totally, so their bag is fixed).
 */
public record Answer(List<String> rows) {
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final Set<String> NUMERIC = Set.of("integer", "decimal", "double", "float", "int", "long", "short", "byte",
            "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong");

    public Answer {
        List<String> sorted = new ArrayList<>(rows);
        Collections.sort(sorted);
        rows = List.copyOf(sorted);
    }

    public int size() { return rows.size(); }

    public static String iri(String iri) {
        return "<" + iri + ">";
    }

    public static String blank() {
        return "_:";
    }

    /** A literal; {@code lang} may be null or empty, {@code datatype} null for a plain string. */
    public static String literal(String lexical, String lang, String datatype) {
        if (lang != null && !lang.isEmpty()) return quote(lexical) + "@" + lang.toLowerCase(java.util.Locale.ROOT);
        if (datatype == null || datatype.equals(XSD + "string")) return quote(lexical);
        if (datatype.startsWith(XSD) && NUMERIC.contains(datatype.substring(XSD.length()))) {
            try {
                return "num:" + new BigDecimal(lexical.trim()).round(new MathContext(12)).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                // NaN, INF or an ill-typed literal: keep its spelling
            }
        }
        return quote(lexical) + "^^<" + datatype + ">";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    /** A row from (variable, canonical term) pairs; unbound variables are left out. */
    public static String row(java.util.SortedMap<String, String> bound) {
        StringBuilder sb = new StringBuilder();
        bound.forEach((v, t) -> sb.append(sb.isEmpty() ? "" : "\t").append('?').append(v).append('=').append(t));
        return sb.toString();
    }

    /** The first few rows in which this and the other answer differ, for the report. */
    public String difference(Answer other) {
        List<String> mine = new ArrayList<>(rows), theirs = new ArrayList<>(other.rows);
        List<String> onlyMine = new ArrayList<>(), onlyTheirs = new ArrayList<>(theirs);
        for (String r : mine) if (!onlyTheirs.remove(r)) onlyMine.add(r);
        return rows.size() + " vs " + other.rows.size() + " rows; only here: " + onlyMine.stream().limit(2).toList()
                + "; only in the reference: " + onlyTheirs.stream().limit(2).toList();
    }
}
