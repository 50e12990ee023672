package org.cipnet.node;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.cipnet.vocab.CIP;
import org.cipnet.vocab.Prefixes;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Dereferenceable URIs (Cool URIs, 303 style): {@code /resource/X} redirects to {@code /page/X}
 * (HTML) or {@code /data/X} (RDF) by {@code Accept}; {@code X} is the IRI's path below
 * {@code https://w3id.org/cipnet/}.
 */
final class LinkedData extends HttpServlet {
    private static final Map<String, Lang> SUFFIXES = Map.of(".ttl", Lang.TURTLE, ".jsonld", Lang.JSONLD, ".nt", Lang.NTRIPLES);
    private static final Node PROV_DERIVED = NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom");

    private final NationalStore store;
    private final String country;
    private final String base;

    LinkedData(NationalStore store, String country, String base) {
        this.store = store;
        this.country = country;
        this.base = base;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String servletPath = req.getServletPath();
        String rest = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        switch (servletPath) {
            case "/resource" -> redirect(req, res, rest);
            case "/data" -> data(req, res, rest);
            case "/page" -> page(req, res, rest);
            default -> res.sendError(404);
        }
    }

    private Node resource(String path) {
        return NodeFactory.createURI(CIP.BASE + path);
    }

    private boolean known(Node r) {
        return store.dataset().calculateRead(() -> store.dataset().getDefaultGraph().contains(r, Node.ANY, Node.ANY));
    }

    private void notFound(HttpServletResponse res, Node r) throws IOException {
        res.setStatus(404);
        res.setContentType("text/plain; charset=utf-8");
        res.getWriter().println("not found: " + r.getURI() + " is not described in the " + country + " graph");
    }

    private void redirect(HttpServletRequest req, HttpServletResponse res, String path) throws IOException {
        Node r = resource(path);
        if (!known(r)) {
            notFound(res, r);
            return;
        }
        Lang lang = Responses.rdfLang(req.getHeader("Accept"));
        boolean html = lang == null || acceptsHtmlFirst(req.getHeader("Accept"));
        res.setStatus(303);
        res.setHeader("Vary", "Accept");
        res.setHeader("Location", base + (html ? "page/" : "data/") + path);
    }

    private static boolean acceptsHtmlFirst(String accept) {
        if (accept == null) return true;
        int html = accept.indexOf("text/html");
        return html >= 0 && (Responses.rdfLang(accept.substring(0, html)) == null);
    }

    private void data(HttpServletRequest req, HttpServletResponse res, String path) throws IOException {
        Lang lang = null;
        for (var e : SUFFIXES.entrySet()) {
            if (path.endsWith(e.getKey())) {
                lang = e.getValue();
                path = path.substring(0, path.length() - e.getKey().length());
            }
        }
        if (lang == null) lang = Responses.rdfLang(req.getHeader("Accept"));
        if (lang == null) lang = Lang.TURTLE;
        Node r = resource(path);
        if (!known(r)) {
            notFound(res, r);
            return;
        }
        Graph g = describe(r);
        res.setStatus(200);
        res.setHeader("Vary", "Accept");
        res.setContentType(lang.getContentType().getContentTypeStr() + "; charset=utf-8");
        RDFDataMgr.write(res.getOutputStream(), g, lang);
    }

    /** The resource's own triples, the blank nodes hanging off them, and the triples pointing to it. */
    Graph describe(Node r) {
        return store.dataset().calculateRead(() -> {
            Graph national = store.dataset().getDefaultGraph();
            Graph out = GraphFactory.createDefaultGraph();
            closure(national, r, out, new HashSet<>());
            national.find(Node.ANY, Node.ANY, r).forEachRemaining(out::add);
            out.getPrefixMapping().setNsPrefixes(Prefixes.usedIn(out));
            return out;
        });
    }

    private static void closure(Graph g, Node s, Graph out, Set<Node> seen) {
        if (!seen.add(s)) return;
        g.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> {
            out.add(t);
            if (t.getObject().isBlank()) closure(g, t.getObject(), out, seen);
        });
    }

    private void page(HttpServletRequest req, HttpServletResponse res, String path) throws IOException {
        Node r = resource(path);
        if (!known(r)) {
            notFound(res, r);
            return;
        }
        List<String> langs = languages(req.getHeader("Accept-Language"));
        String html = store.dataset().calculateRead(() -> render(r, path, langs));
        res.setStatus(200);
        res.setHeader("Vary", "Accept-Language");
        res.setContentType("text/html; charset=utf-8");
        res.getWriter().write(html);
    }

    /** Language tags in the visitor's order of preference, English last as the fallback. */
    static List<String> languages(String acceptLanguage) {
        List<String> out = new ArrayList<>();
        if (acceptLanguage != null) {
            TreeMap<Double, List<String>> byQ = new TreeMap<>(java.util.Comparator.reverseOrder());
            for (String part : acceptLanguage.split(",")) {
                String[] bits = part.strip().split(";");
                if (bits[0].isBlank() || bits[0].equals("*")) continue;
                double q = 1.0;
                for (int i = 1; i < bits.length; i++)
                    if (bits[i].strip().startsWith("q=")) q = quality(bits[i].strip().substring(2));
                if (q > 0) byQ.computeIfAbsent(q, k -> new ArrayList<>()).add(bits[0].strip().toLowerCase(Locale.ROOT));
            }
            byQ.values().forEach(out::addAll);
        }
        // Norwegian: a visitor asking for "no" reads Bokmål labels.
        if (out.contains("no") && !out.contains("nb")) out.add(out.indexOf("no") + 1, "nb");
        if (!out.contains("en")) out.add("en");
        return out;
    }

    /** A quality value as RFC 9110 writes it (0 to 1, three decimals); a malformed one counts as 1, as if it were left out. */
    private static double quality(String q) {
        return q.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?") ? Double.parseDouble(q) : 1.0;
    }

    /** Schemes a page may link to: anything else (javascript:, data:, file:, …) is shown as text, never as a link. */
    private static boolean linkable(String iri) {
        return iri.regionMatches(true, 0, "https://", 0, 8) || iri.regionMatches(true, 0, "http://", 0, 7)
                || iri.regionMatches(true, 0, "mailto:", 0, 7);
    }

    private String label(Node n, List<String> langs) {
        if (!n.isURI()) return n.isLiteral() ? n.getLiteralLexicalForm() : "(blank node)";
        Graph national = store.dataset().getDefaultGraph();
        Graph ref = store.dataset().getGraph(GraphNames.REFERENCE);
        List<Triple> labels = new ArrayList<>();
        for (Graph g : List.of(national, ref))
            for (Node p : List.of(SKOS.prefLabel.asNode(), RDFS.label.asNode()))
                labels.addAll(g.find(n, p, Node.ANY).toList());
        for (String lang : langs)
            for (Triple t : labels)
                if (t.getObject().isLiteral() && t.getObject().getLiteralLanguage().toLowerCase(Locale.ROOT).startsWith(lang))
                    return t.getObject().getLiteralLexicalForm();
        for (Triple t : labels) if (t.getObject().isLiteral()) return t.getObject().getLiteralLexicalForm();
        return Prefixes.mapping().shortForm(n.getURI());
    }

    private String link(Node n, List<String> langs) {
        if (n.isLiteral()) {
            String lang = n.getLiteralLanguage();
            return esc(n.getLiteralLexicalForm()) + (lang.isEmpty() ? "" : " <small>@" + esc(lang) + "</small>");
        }
        if (n.isBlank()) return "<em>(structured value)</em>";
        String iri = n.getURI();
        if (!linkable(iri)) return "<code>" + esc(iri) + "</code>";
        String href = iri.startsWith(CIP.BASE) && !iri.startsWith(CIP.VOCAB) && !iri.startsWith(CIP.NS)
                ? base + "resource/" + iri.substring(CIP.BASE.length()) : iri;
        return "<a href=\"" + esc(href) + "\">" + esc(label(n, langs)) + "</a>";
    }

    private String render(Node r, String path, List<String> langs) {
        Graph national = store.dataset().getDefaultGraph();
        String title = label(r, langs);
        StringBuilder sb = new StringBuilder();
        // The page's own words are English; the visitor's languages choose only among the data's labels.
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>");
        for (var e : SUFFIXES.entrySet())
            sb.append("<link rel=\"alternate\" type=\"").append(e.getValue().getContentType().getContentTypeStr())
                    .append("\" href=\"").append(esc(base + "data/" + path + e.getKey())).append("\">");
        sb.append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td{vertical-align:top;padding:.2em .6em}"
                + "th{text-align:left}small{color:#666}</style></head><body>");
        sb.append("<h1>").append(esc(title)).append("</h1><p><code>").append(esc(r.getURI())).append("</code></p>");
        List<Triple> types = national.find(r, RDF.type.asNode(), Node.ANY).toList();
        if (!types.isEmpty()) {
            sb.append("<p>Type: ");
            sb.append(String.join(", ", types.stream().map(t -> link(t.getObject(), langs)).toList()));
            sb.append("</p>");
        }
        sb.append("<h2>Properties</h2><table>");
        for (Triple t : national.find(r, Node.ANY, Node.ANY).toList()) {
            if (t.getPredicate().equals(RDF.type.asNode())) continue;
            sb.append("<tr><th>").append(link(t.getPredicate(), langs)).append("</th><td>").append(value(national, t.getObject(), langs, new HashSet<>())).append("</td></tr>");
        }
        sb.append("</table>");
        List<Triple> inverse = national.find(Node.ANY, Node.ANY, r).toList();
        if (!inverse.isEmpty()) {
            sb.append("<h2>Referred to by</h2><table>");
            for (Triple t : inverse)
                sb.append("<tr><td>").append(link(t.getSubject(), langs)).append("</td><th>").append(link(t.getPredicate(), langs)).append("</th></tr>");
            sb.append("</table>");
        }
        List<Triple> prov = national.find(r, PROV_DERIVED, Node.ANY).toList();
        if (!prov.isEmpty()) {
            sb.append("<h2>Provenance</h2><ul>");
            for (Triple t : prov) sb.append("<li>").append(link(t.getObject(), langs)).append("</li>");
            sb.append("</ul>");
        }
        String describe = "DESCRIBE <" + r.getURI() + ">";
        sb.append("<h2>Data</h2><p>");
        for (var e : SUFFIXES.entrySet())
            sb.append("<a href=\"").append(esc(base + "data/" + path + e.getKey())).append("\">").append(e.getValue().getName()).append("</a> ");
        sb.append("· <a href=\"").append(esc(base + country + "/sparql?query=" + URLEncoder.encode(describe, StandardCharsets.UTF_8)))
                .append("\">query this</a></p></body></html>");
        return sb.toString();
    }

    /**
     * A value cell: blank nodes (intervals, identifiers) are shown inline by their own properties.
     * Blank nodes may form a cycle; each is shown once per cell ({@code shown}), a repeat as a mark.
     */
    private String value(Graph g, Node o, List<String> langs, Set<Node> shown) {
        if (!o.isBlank()) return link(o, langs);
        if (!shown.add(o)) return "<em>(the structured value above)</em>";
        StringBuilder sb = new StringBuilder("<table>");
        for (Triple t : g.find(o, Node.ANY, Node.ANY).toList())
            sb.append("<tr><th>").append(link(t.getPredicate(), langs)).append("</th><td>")
                    .append(value(g, t.getObject(), langs, shown)).append("</td></tr>");
        return sb.append("</table>").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
