package org.cipnet.bench;

import java.util.List;
import java.util.Locale;

/** The report's charts as self-contained SVG: no script, no external font or stylesheet. */
final class Charts {
    private static final String[] COLOURS = {"#4c72b0", "#dd8452", "#55a868", "#c44e52"};
    private static final int LEFT = 230, WIDTH = 560, BAR = 9;

    private Charts() {}

    /** Median latency per query and system, horizontal bars on a log scale. */
    static String latency(Report.Run run) {
        List<String> queries = run.queries(), systems = run.systems();
        double max = run.results().stream().filter(Measurement::answered).mapToDouble(Measurement::median).max().orElse(1);
        double decades = Math.max(1, Math.ceil(Math.log10(Math.max(max, 1.1))) + 1); // from 0.1 ms
        int group = systems.size() * BAR + 8, top = 40, height = top + queries.size() * group + 40;
        StringBuilder sb = header(LEFT + WIDTH + 30, height, String.format(Locale.ROOT,
                "Median latency per query, ms (log scale) — %d members × %,d triples", run.members(), run.triplesPerMember()));
        axis(sb, decades, top, height - 30, 0.1);
        for (int i = 0; i < queries.size(); i++) {
            int y = top + i * group;
            sb.append(text(LEFT - 6, y + group / 2 + 3, queries.get(i), "end", 11));
            for (int s = 0; s < systems.size(); s++) {
                Measurement m = run.of(queries.get(i), systems.get(s));
                if (m == null || !m.answered()) continue;
                double w = WIDTH * Math.max(0, Math.log10(Math.max(m.median(), 0.1) / 0.1)) / decades;
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s: %.1f ms</title></rect>%n",
                        LEFT, y + s * BAR, Math.max(1, w), BAR - 1, COLOURS[s % COLOURS.length], esc(systems.get(s)), esc(queries.get(i)), m.median()));
            }
        }
        legend(sb, systems, LEFT, 28);
        return sb.append("</svg>\n").toString();
    }

    /** Geometric-mean latency of cipnet and the central store per scaling configuration. */
    static String scaling(List<Report.Run> runs) {
        List<String> systems = List.of("cipnet", "central");
        double max = runs.stream().flatMap(r -> systems.stream().map(r::geomean)).filter(d -> !d.isNaN()).max(Double::compare).orElse(1.0);
        double decades = Math.max(1, Math.ceil(Math.log10(Math.max(max, 1.1))) + 1);
        int group = systems.size() * 14 + 10, top = 40, height = top + runs.size() * group + 40;
        StringBuilder sb = header(LEFT + WIDTH + 30, height, "Geometric mean of query medians, ms (log scale), by members × triples per member");
        axis(sb, decades, top, height - 30, 0.1);
        for (int i = 0; i < runs.size(); i++) {
            Report.Run r = runs.get(i);
            int y = top + i * group;
            sb.append(text(LEFT - 6, y + group / 2 + 3, String.format(Locale.ROOT, "%d × %,d", r.members(), r.triplesPerMember()), "end", 11));
            for (int s = 0; s < systems.size(); s++) {
                double v = r.geomean(systems.get(s));
                if (Double.isNaN(v)) continue;
                double w = WIDTH * Math.max(0, Math.log10(Math.max(v, 0.1) / 0.1)) / decades;
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"13\" fill=\"%s\"><title>%s: %.1f ms</title></rect>%n",
                        LEFT, y + s * 14, Math.max(1, w), COLOURS[s], systems.get(s), v));
                sb.append(text((int) (LEFT + w + 4), y + s * 14 + 10, String.format(Locale.ROOT, "%.1f", v), "start", 10));
            }
        }
        legend(sb, systems, LEFT, 28);
        return sb.append("</svg>\n").toString();
    }

    private static StringBuilder header(int w, int h, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", w, h, w, h));
        sb.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        sb.append(text(10, 16, title, "start", 13));
        return sb;
    }

    private static void axis(StringBuilder sb, double decades, int top, int bottom, double from) {
        for (int d = 0; d <= decades; d++) {
            double x = LEFT + WIDTH * d / decades;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, top - 4, x, bottom));
            double v = from * Math.pow(10, d);
            sb.append(text((int) x, bottom + 14, v < 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v), "middle", 10));
        }
    }

    private static void legend(StringBuilder sb, List<String> systems, int x, int y) {
        for (int s = 0; s < systems.size(); s++) {
            int lx = x + s * 110;
            sb.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n", lx, y - 9, COLOURS[s % COLOURS.length]));
            sb.append(text(lx + 14, y, systems.get(s), "start", 11));
        }
    }

    private static String text(int x, int y, String s, String anchor, int size) {
        return String.format("<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n", x, y, size, anchor, esc(s));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
