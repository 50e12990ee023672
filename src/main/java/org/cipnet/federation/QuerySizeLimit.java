package org.cipnet.federation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bounds what an anonymous client can make the federator hold: a query string, a request body and
 * a compressed body once decompressed, each at most {@code maxBytes}; beyond, 413 before anything is
 * parsed. A body (gzip, deflate or plain, with or without a length) is read here, no further than
 * the limit, and handed on as a plain one — so a small body that would expand to gigabytes, or an
 * endless chunked one, costs at most the limit. A form body is read by the server within its own form
 * limit (Fuseki's 25 MiB), and its query is then held to the limit.
 */
final class QuerySizeLimit implements Filter {
    private final long maxBytes;

    QuerySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String qs = req.getQueryString();
        if (qs != null && qs.length() > maxBytes) {
            refuse(res, "the query string has " + qs.length() + " characters");
            return;
        }
        if (req.getContentLengthLong() > maxBytes) {
            refuse(res, "the request body has " + req.getContentLengthLong() + " bytes");
            return;
        }
        String encoding = req.getHeader("Content-Encoding");
        boolean plain = encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity");
        boolean form = req.getContentType() != null && req.getContentType().startsWith("application/x-www-form-urlencoded");
        if (req.getMethod().equals("GET") || req.getMethod().equals("HEAD") || (plain && form)) {
            // No body, or a form, which the server reads itself within its form limit (25 MiB): its query is checked here.
            String q = form ? req.getParameter("query") : null;
            if (q != null && q.length() > maxBytes) {
                refuse(res, "the query has " + q.length() + " characters");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        InputStream in;
        switch (plain ? "identity" : encoding.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "identity" -> in = req.getInputStream();
            case "gzip", "x-gzip" -> in = new GZIPInputStream(req.getInputStream(), 8192);
            case "deflate" -> in = new InflaterInputStream(req.getInputStream());
            default -> {
                res.sendError(415, "Content-Encoding '" + encoding + "' is not supported (gzip, deflate)");
                return;
            }
        }
        if (form) {
            res.sendError(415, "a compressed form body is not supported: send the query as application/sparql-query");
            return;
        }
        byte[] body;
        try (in) {
            body = readAtMost(in, maxBytes);
        } catch (IOException e) {
            res.sendError(400, "the request body is not valid " + encoding + ": " + e.getMessage());
            return;
        }
        if (body == null) {
            refuse(res, "the request body is larger once decompressed");
            return;
        }
        chain.doFilter(new Decompressed(req, body), response);
    }

    private void refuse(HttpServletResponse res, String what) throws IOException {
        res.sendError(413, what + "; the federator takes queries of at most " + maxBytes + " bytes (--max-query-bytes)");
    }

    /** The stream's bytes, or null when there are more than {@code max}. */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            if (out.size() + (long) n > max) return null;
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** The request as if it had been sent uncompressed, with its body already read. */
    private static final class Decompressed extends HttpServletRequestWrapper {
        private final byte[] body;

        Decompressed(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override
        public String getHeader(String name) {
            if (name.equalsIgnoreCase("Content-Encoding")) return null;
            if (name.equalsIgnoreCase("Content-Length")) return Integer.toString(body.length);
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (name.equalsIgnoreCase("Content-Encoding")) return Collections.emptyEnumeration();
            return super.getHeaders(name);
        }

        @Override
        public int getContentLength() { return body.length; }

        @Override
        public long getContentLengthLong() { return body.length; }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override public int read() { return in.read(); }
                @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
                @Override public boolean isFinished() { return in.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener l) { throw new UnsupportedOperationException(); }
            };
        }
    }
}
