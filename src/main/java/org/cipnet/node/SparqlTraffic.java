package org.cipnet.node;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import org.cipnet.http.ForwardingResponse;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Counts requests to the SPARQL endpoint and the bytes of their answers (before any transport
 * compression). Operators see both in {@code /$/metrics}; benchmarks read them to compare what each
 * federation engine asks of a member, whichever engine it is.
 */
public final class SparqlTraffic implements Filter {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public long requests() { return requests.get(); }

    public long bytes() { return bytes.get(); }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        requests.incrementAndGet();
        chain.doFilter(req, new Counting((HttpServletResponse) res));
    }

    private final class Counting extends ForwardingResponse {
        Counting(HttpServletResponse response) {
            super(response);
        }

        @Override
        protected void written(byte[] b, int off, int len) {
            bytes.addAndGet(len);
        }
    }
}
