package org.cipnet.node;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

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

    private final class Counting extends HttpServletResponseWrapper {
        private ServletOutputStream out;

        Counting(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                ServletOutputStream inner = super.getOutputStream();
                out = new ServletOutputStream() {
                    @Override public void write(int b) throws IOException { inner.write(b); bytes.incrementAndGet(); }
                    @Override public void write(byte[] b, int off, int len) throws IOException { inner.write(b, off, len); bytes.addAndGet(len); }
                    @Override public void flush() throws IOException { inner.flush(); }
                    @Override public void close() throws IOException { inner.close(); }
                    @Override public boolean isReady() { return inner.isReady(); }
                    @Override public void setWriteListener(WriteListener l) { inner.setWriteListener(l); }
                };
            }
            return out;
        }
    }
}
