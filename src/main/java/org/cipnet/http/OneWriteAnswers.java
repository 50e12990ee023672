package org.cipnet.http;

import java.io.IOException;

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

    private static final class Unflushed extends HttpServletResponseWrapper {
        private ServletOutputStream stream;

        Unflushed(HttpServletResponse res) {
            super(res);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream != null) return stream;
            ServletOutputStream out = super.getOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void flush() {
                    // Left to close, which sends whatever is buffered.
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener l) {
                    out.setWriteListener(l);
                }
            };
            return stream;
        }
    }
}
