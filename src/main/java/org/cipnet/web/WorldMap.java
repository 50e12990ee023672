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

/** The search page's map: the network's countries (Natural Earth outlines, see map/README.md), shaded by hits. */
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

    /** One area per country of the network, shaded from pale (no hit) to dark (most hits). */
    static List<Views.MapArea> areas(Map<String, Integer> hits, Function<String, String> href, Function<String, String> name) {
        int max = hits.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Views.MapArea> out = new ArrayList<>();
        for (String code : Directory.COUNTRIES) {
            JsonNode path = OUTLINES.get("countries").get(code);
            if (path == null) continue;
            int n = hits.getOrDefault(code, 0);
            // Lightness from 92% (no hit) to 35% (the most hits).
            int light = n == 0 || max == 0 ? 92 : 80 - (int) Math.round(45.0 * n / max);
            out.add(new Views.MapArea(code, name.apply(code), path.asText(), n, href.apply(code), "hsl(210,55%," + light + "%)"));
        }
        return out;
    }
}
