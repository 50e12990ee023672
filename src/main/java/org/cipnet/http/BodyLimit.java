package org.cipnet.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
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
 * A request reaches the operation whole and bounded, or not at all. A query string, a body as sent
 * and a body once decompressed (gzip or deflate) may each hold at most {@code limit} bytes; beyond
 * that the answer is 413 before more than the limit is held, so a small body that expands to
 * gigabytes, or an endless chunked one, costs at most the limit. A body cut off before its
 * {@code Content-Length} or its last chunk is answered 400, so nothing starts from a body a dying
 * client left half-sent. Form bodies are read by the server within its own form limit; their
 * {@code query} is then held to the limit.
 */
public final class BodyLimit implements Filter {
    /** Over-large bodies up to this size are read and dropped before the 413, so that the client sees it. */
    private static final long DRAIN_AT_MOST = 64L << 20;

    private final long limit;
    private final String what;
    private final String setBy;

    /**
     * @param limit the most bytes a query string or body may have, decompressed
     * @param what  what the body is, for messages ("a query", "a publication")
     * @param setBy how an operator changes the limit, for messages ("--max-query-bytes")
     */
    public BodyLimit(long limit, String what, String setBy) {
        this.limit = limit;
        this.what = what;
        this.setBy = setBy;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String qs = req.getQueryString();
        if (qs != null && qs.length() > limit) {
            refuse(res, 413, tooLarge("the query string", qs.length() + " characters"));
            return;
        }
        String encoding = req.getHeader("Content-Encoding");
        String enc = encoding == null || encoding.isBlank() ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        if (enc.equals("x-gzip")) enc = "gzip";
        long declared = req.getContentLengthLong();
        boolean chunked = req.getHeader("Transfer-Encoding") != null;
        boolean form = req.getContentType() != null && req.getContentType().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        if (enc.equals("identity") && declared > limit) {
            // A client that is still sending when the connection closes never reads the 413; a body
            // of modest size is therefore read and dropped first, without holding it.
            boolean drained = declared <= DRAIN_AT_MOST && discard(req.getInputStream(), declared);
            refuse(res, 413, tooLarge("the body of " + what, declared + " bytes"), !drained);
            return;
        }
        if (req.getMethod().equals("GET") || req.getMethod().equals("HEAD") || (declared <= 0 && !chunked)) {
            chain.doFilter(request, response);
            return;
        }
        if (!enc.equals("identity") && !enc.equals("gzip") && !enc.equals("deflate")) {
            refuse(res, 415, "unsupported Content-Encoding '" + encoding + "': send the body as is, gzip or deflate");
            return;
        }
        if (form) {
            if (!enc.equals("identity")) {
                refuse(res, 415, "a compressed form body is not supported: send the body uncompressed, or the query as application/sparql-query");
                return;
            }
            String q = req.getParameter("query");
            if (q != null && q.length() > limit) {
                refuse(res, 413, tooLarge("the query", q.length() + " characters"));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = readAtMost(req.getInputStream(), enc);
        } catch (TooLarge e) {
            refuse(res, 413, tooLarge("the body of " + what, "more than " + limit + " bytes" + (enc.equals("identity") ? "" : " once decompressed (" + enc + ")")));
            return;
        } catch (IOException e) {
            refuse(res, 400, "the body of " + what + " did not arrive whole" + (enc.equals("identity") ? "" : " or is not valid " + enc) + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "): the connection closed before "
                    + (chunked ? "the last chunk" : "Content-Length " + declared + " bytes") + "; nothing was changed, send it again");
            return;
        }
        if (enc.equals("identity") && declared > 0 && body.length != declared) {
            refuse(res, 400, "the body of " + what + " has " + body.length + " bytes but Content-Length said " + declared + "; nothing was changed");
            return;
        }
        chain.doFilter(new Whole(req, body), response);
    }

    private String tooLarge(String part, String size) {
        return part + " is " + size + "; this server accepts at most " + limit + " bytes (" + setBy + ")";
    }

    private byte[] readAtMost(InputStream raw, String enc) throws IOException {
        try (InputStream in = switch (enc) {
            case "gzip" -> new GZIPInputStream(raw, 8192);
            case "deflate" -> new InflaterInputStream(raw);
            default -> raw;
        }) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(chunk)) >= 0; ) {
                total += n;
                if (total > limit) throw new TooLarge();
                buf.write(chunk, 0, n);
            }
            return buf.toByteArray();
        }
    }

    private static boolean discard(InputStream in, long bytes) {
        byte[] chunk = new byte[8192];
        long left = bytes;
        try {
            for (int n; left > 0 && (n = in.read(chunk)) >= 0; ) left -= n;
        } catch (IOException e) {
            return false;
        }
        return left <= 0;
    }

    private static void refuse(HttpServletResponse res, int status, String message) throws IOException {
        refuse(res, status, message, true);
    }

    private static void refuse(HttpServletResponse res, int status, String message, boolean close) throws IOException {
        res.setStatus(status);
        res.setContentType("text/plain; charset=utf-8");
        if (close) res.setHeader("Connection", "close");
        byte[] b = (message + "\n").getBytes(StandardCharsets.UTF_8);
        res.setContentLength(b.length);
        res.getOutputStream().write(b);
    }

    private static final class TooLarge extends IOException {
        TooLarge() { super(null, null); }
    }

    /** The request as if it had been sent uncompressed and at once: the operation sees plain bytes, already read. */
    private static final class Whole extends HttpServletRequestWrapper {
        private final byte[] body;

        Whole(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override public int getContentLength() { return body.length; }
        @Override public long getContentLengthLong() { return body.length; }

        private static boolean replaced(String name) {
            return name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Content-Length");
        }

        @Override
        public String getHeader(String name) {
            if (name.equalsIgnoreCase("Content-Length")) return Integer.toString(body.length);
            return replaced(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!replaced(name)) return super.getHeaders(name);
            String h = getHeader(name);
            return h == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(h));
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override public int read() { return in.read(); }
                @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
                @Override public boolean isFinished() { return in.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener l) { throw new IllegalStateException("the body is already read"); }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String cs = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body),
                    cs == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(cs)));
        }
    }
}
