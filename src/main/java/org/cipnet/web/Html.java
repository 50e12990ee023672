package org.cipnet.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

import org.apache.jena.graph.Node;

/** HTML helpers: escaping, the shared layout, accent-insensitive text. */
final class Html {
    private Html() {}

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Lower case without diacritics: "Rīga" and "riga" match. */
    static String fold(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return d.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("ð", "d").replace("þ", "th").replace("ł", "l")
                .replace("Ł", "L").toLowerCase(Locale.ROOT);
    }

    static String text(Node n) {
        if (n == null) return "";
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : n.toString();
    }

    /** The shared page layout; {@code rdf} is the URL of the page's data as RDF. */
    static String page(String title, String body, String rdf, String extraHead) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<link rel=\"icon\" href=\"data:,\"><title>" + esc(title) + " · cipnet Yellow Pages</title>"
                + (rdf == null ? "" : "<link rel=\"alternate\" type=\"text/turtle\" href=\"" + esc(rdf) + "\">")
                + "<style>" + CSS + "</style>" + (extraHead == null ? "" : extraHead) + "</head><body>"
                + "<header><a class=\"brand\" href=\"/\">cipnet · Yellow Pages of clusters</a><nav>"
                + "<a href=\"/\">Search</a><a href=\"/compare\">Compare</a><a href=\"/sparql\">SPARQL</a><a href=\"/network\">Network</a></nav></header>"
                + "<main>" + body + "</main><footer>Federated data of the Nordic–Baltic Cluster Information Point network"
                + (rdf == null ? "" : " · <a id=\"rdf-link\" href=\"" + esc(rdf) + "\">this page as RDF (Turtle)</a>") + "</footer></body></html>";
    }

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:0;color:#222}header{background:#123c69;color:#fff;padding:.6em 1em;"
            + "display:flex;justify-content:space-between;align-items:center}header a{color:#fff;text-decoration:none;margin-left:1em}"
            + ".brand{font-weight:bold;margin-left:0!important}main{max-width:72em;margin:1em auto;padding:0 1em}table{border-collapse:collapse}"
            + "td,th{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}.facets{float:left;width:15em;margin-right:1.5em}"
            + ".facets h3{margin:.8em 0 .2em;font-size:1em}.facets a{display:block;font-size:.9em}.results{overflow:hidden}.tag{display:inline-block;"
            + "background:#eef;border-radius:3px;padding:0 .4em;margin:0 .2em;font-size:.85em}.muted{color:#666}footer{margin:2em;color:#666;font-size:.85em}"
            + ".timeline{position:relative;height:auto}.bar{background:#5b8fd1;color:#fff;font-size:.8em;padding:.1em .3em;margin:.15em 0;border-radius:3px;white-space:nowrap}"
            + ".up{color:#080}.down{color:#b00}input[type=search]{width:24em;padding:.3em}";
}
