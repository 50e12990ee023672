package org.cipnet.opendata;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CORS for read-only endpoints, so that a page on any origin can query them: every origin, no
 * credentials (a browser then sends no cookies or Basic auth across origins), the response headers
 * that carry meaning here exposed. Preflights are answered here, without reaching the endpoint.
 * Mounted only on read-only paths; publish and rollback never get it, so a browser refuses a
 * cross-origin write before it is sent.
 */
public final class Cors implements Filter {
    private static final String EXPOSED = String.join(", ", "ETag", "Last-Modified", "Link", "Retry-After",
            "X-Cipnet-Missing-Members", "X-Cipnet-Result-Cap", "X-Cipnet-Query-Id", "Content-Disposition");
    private final String methods;

    private Cors(Set<String> methods) {
        this.methods = String.join(", ", methods.stream().sorted().toList());
    }

    /** For SPARQL endpoints: GET and POST (query by form or body). */
    public static Cors query() {
        return new Cors(Set.of("GET", "HEAD", "POST", "OPTIONS"));
    }

    /** For documents: GET only. */
    public static Cors read() {
        return new Cors(Set.of("GET", "HEAD", "OPTIONS"));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        if (req.getHeader("Origin") == null) {
            chain.doFilter(request, response);
            return;
        }
        res.setHeader("Access-Control-Allow-Origin", "*");
        res.addHeader("Vary", "Origin");
        if ("OPTIONS".equals(req.getMethod()) && req.getHeader("Access-Control-Request-Method") != null) {
            res.setHeader("Access-Control-Allow-Methods", methods);
            res.setHeader("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since");
            res.setHeader("Access-Control-Max-Age", "86400");
            res.setStatus(204);
            return;
        }
        res.setHeader("Access-Control-Expose-Headers", EXPOSED);
        chain.doFilter(request, response);
    }
}
