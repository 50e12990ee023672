package org.cipnet.opendata;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Adds {@code Link: <…/data/X>; rel="describedby"} to the answers for {@code /resource/X} and
 * {@code /page/X}, so that a client holding a resource's IRI or its page finds its RDF without
 * content negotiation (POWDER's {@code describedby} relation, as Linked Data servers use it).
 */
public final class DescribedBy implements Filter {
    private final String base;

    /** @param base the server's base URL, ending in {@code /} */
    public DescribedBy(String base) {
        this.base = base;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        for (String prefix : new String[] {"/resource/", "/page/"}) {
            if (path.startsWith(prefix) && path.length() > prefix.length())
                ((HttpServletResponse) response).addHeader("Link",
                        "<" + base + "data/" + path.substring(prefix.length()) + ">; rel=\"describedby\"; type=\"text/turtle\"");
        }
        chain.doFilter(request, response);
    }
}
