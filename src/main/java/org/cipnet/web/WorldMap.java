package org.cipnet.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The search page's map: the network's countries (Natural Earth outlines, see map/README.md), shaded
 * by hits. The outlines are one SVG document ({@link #OUTLINES_SVG}, served at {@code /map.svg}) that
 * each page's map areas {@code <use>}: the browser loads them once and keeps them, and a search page
 * carries only its links and shades (6 KB instead of 34 KB for a search with a few hits).
 */
final class WorldMap {
    private WorldMap() {}

    private static final JsonNode OUTLINES;
    static {
        try (InputStream in = WorldMap.class.getResourceAsStream("map/countries.json")) {
            OUTLINES = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String VIEW_BOX = OUTLINES.get("viewBox").asText();

    /** An outline is made of moves, lines, closes and numbers only, so it goes into the SVG as it is. */
    private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile("[MLZ0-9., -]+");

    /** Every country's outline as {@code <path id="ISO3">}, for {@code <use href="/map.svg#ISO3">}. */
    static final String OUTLINES_SVG;
    static {
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"").append(VIEW_BOX).append("\"><defs>");
        for (String code : Directory.COUNTRIES) {
            JsonNode path = OUTLINES.get("countries").get(code);
            if (path == null) continue;
            if (!PATH.matcher(path.asText()).matches()) throw new IllegalStateException("map/countries.json: the outline of " + code + " is not a plain SVG path");
            svg.append("<path id=\"").append(code).append("\" d=\"").append(path.asText()).append("\"/>");
        }
        OUTLINES_SVG = svg.append("</defs></svg>").toString();
    }

    /** One area per country of the network, shaded from pale (no hit) to dark (most hits). */
    static List<Views.MapArea> areas(Map<String, Integer> hits, Function<String, String> href, Function<String, String> name) {
        int max = hits.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Views.MapArea> out = new ArrayList<>();
        for (String code : Directory.COUNTRIES) {
            if (OUTLINES.get("countries").get(code) == null) continue;
            int n = hits.getOrDefault(code, 0);
            // Lightness from 92% (no hit) to 35% (the most hits).
            int light = n == 0 || max == 0 ? 92 : 80 - (int) Math.round(45.0 * n / max);
            out.add(new Views.MapArea(code, name.apply(code), n, href.apply(code), "hsl(210,55%," + light + "%)"));
        }
        return out;
    }
}
