package org.cipnet.http;

import org.apache.jena.atlas.lib.Cache;
import org.apache.jena.atlas.lib.CacheFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;

/**
 * Queries parsed once per text. Dashboards, the web front and the bench send the same few texts
 * again and again, and parsing was the largest single step of a query that asks no member (44 of
 * the federator's 307 samples for catalogue query 10, JFR, 2026-12-07). A request gets a copy,
 * never the kept query: requests change their query (the federator's result cap sets a LIMIT), and
 * {@link Query#cloneQuery()} copies every element and expression, so nothing a request changes, or
 * an expression binds while it runs, reaches another request. A text that does not parse is not
 * kept; its error is thrown each time.
 */
final class ParsedQueries {
    /** Longer texts are parsed each time: a client cannot fill the cache with a few huge queries. */
    static final int MAX_TEXT = 16 * 1024;
    static final int SIZE = 256;

    private final Cache<String, Query> parsed = CacheFactory.createCache(SIZE);
    private final String base;

    ParsedQueries(String base) {
        this.base = base;
    }

    /** The query of {@code text} with SPARQL 1.1 and Jena's extensions, as {@link QueryFactory} parses it. */
    Query parse(String text) {
        if (text.length() > MAX_TEXT) return QueryFactory.create(text, base, Syntax.syntaxARQ);
        Query kept = parsed.getIfPresent(text);
        if (kept == null) {
            kept = QueryFactory.create(text, base, Syntax.syntaxARQ);
            kept.getResultVars(); // settled before the query is shared: Jena computes them on first use
            parsed.put(text, kept);
        }
        Query copy;
        synchronized (kept) {
            copy = kept.cloneQuery();
        }
        // Jena's copy keeps only a base the text declared; without the parser's own, it would print IRIs absolute.
        if (!kept.explicitlySetBaseURI() && kept.getBase() != null) copy.setBase(kept.getBase());
        return copy;
    }
}
