package org.cipnet.http;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets an answer that fits the response buffer leave in one write, with a {@code Content-Length}.
 * Jena's result writers flush their stream when they finish, before Fuseki closes it; a flush
 * commits the response, so even an empty SELECT went out chunked, in two writes (the body, then
 * the closing chunk). Here a flush of the answer's stream is left to its close, which sends the
 * same bytes; an answer larger than the buffer still streams as the buffer fills. An answer that
 * fails before it is committed then still gets an error status instead of a cut 200. On the
 * federator's and every node's SPARQL endpoint (at a node the flush was 7% of the sampled CPU of a
 * one-row member request).
 */
public final class OneWriteAnswers implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        chain.doFilter(request, new Unflushed((HttpServletResponse) response));
    }

    private static final class Unflushed extends ForwardingResponse {
        Unflushed(HttpServletResponse res) {
            super(res);
        }

        /** Left to close, which sends whatever is buffered. */
        @Override
        protected boolean forwardsFlush() {
            return false;
        }
    }
}
