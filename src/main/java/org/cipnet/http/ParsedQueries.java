package org.cipnet.http;

import org.apache.jena.atlas.lib.Cache;
import org.apache.jena.atlas.lib.CacheFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.SortCondition;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;

/**
 * Queries parsed once per text. Dashboards, the web front and the bench send the same few texts
 * again and again, and parsing was the largest single step of a query that asks no member (44 of
 * the federator's 307 samples for catalogue query 10, JFR, 2026-12-07). A request gets a copy,
 * never the kept query: requests change their query (the federator's result cap sets a LIMIT).
 * {@link Query#cloneQuery()} copies the elements and expressions, with two exceptions in Jena
 * 5.6.0 that a kept query must not meet: it copies every HAVING condition after the first as the
 * first, and it keeps the ORDER BY expressions themselves, which a function call binds when it
 * first runs. A query with more than one HAVING condition, or an ORDER BY other than by variables,
 * in it or in a subquery, is parsed each time. A text that does not parse is not kept; its error
 * is thrown each time.
 */
final class ParsedQueries {
    /** Longer texts are parsed each time: a client cannot fill the cache with a few huge queries. */
    static final int MAX_TEXT = 16 * 1024;
    static final int SIZE = 256;

    /** A parsed text; null when Jena's copy of it would differ from it, so that such a text is parsed each time. */
    private record Kept(Query query) {}

    private final Cache<String, Kept> parsed = CacheFactory.createCache(SIZE);
    private final String base;

    ParsedQueries(String base) {
        this.base = base;
    }

    /** The query of {@code text} with SPARQL 1.1 and Jena's extensions, as {@link QueryFactory} parses it. */
    Query parse(String text) {
        if (text.length() > MAX_TEXT) return fresh(text);
        Kept kept = parsed.getIfPresent(text);
        if (kept == null) {
            Query q = fresh(text);
            if (!copyable(q)) {
                parsed.put(text, new Kept(null));
                return q; // never shared: this request may have it
            }
            q.getResultVars(); // settled before the query is shared: Jena computes them on first use
            kept = new Kept(q);
            parsed.put(text, kept);
        }
        if (kept.query() == null) return fresh(text);
        Query copy;
        synchronized (kept.query()) {
            copy = kept.query().cloneQuery();
        }
        // Jena's copy keeps only a base the text declared; without the parser's own, it would print IRIs absolute.
        if (!kept.query().explicitlySetBaseURI() && kept.query().getBase() != null) copy.setBase(kept.query().getBase());
        return copy;
    }

    private Query fresh(String text) {
        return QueryFactory.create(text, base, Syntax.syntaxARQ);
    }

    /** Whether neither the query nor a subquery has what {@link Query#cloneQuery()} does not copy faithfully. */
    static boolean copyable(Query q) {
        if (q.getHavingExprs().size() > 1) return false;
        if (q.getOrderBy() != null) for (SortCondition c : q.getOrderBy()) if (!(c.getExpression() instanceof ExprVar)) return false;
        if (q.getQueryPattern() == null) return true;
        boolean[] ok = {true};
        ElementWalker.walk(q.getQueryPattern(), new ElementVisitorBase() {
            @Override
            public void visit(ElementSubQuery el) {
                if (!copyable(el.getQuery())) ok[0] = false;
            }
        });
        return ok[0];
    }
}
