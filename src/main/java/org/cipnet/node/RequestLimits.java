package org.cipnet.node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
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
 * Every request body the node reads arrives whole and bounded before anything acts on it. A body
 * larger than the limit (as sent, or after gzip/deflate decompression) is answered 413 before it
 * is held in memory, a body cut off before its {@code Content-Length} or its last chunk is
 * answered 400; only then does the operation see the body, fully read and decompressed (so a
 * publication never starts from a body that a dying client left half-sent). Form bodies are left to
 * Jetty, whose form limit the node sets to the same size.
 */
public final class RequestLimits implements Filter {
    private final long limit;
    private final String what;

    /**
     * @param limit the most bytes a body may have, decompressed
     * @param what  what the body is, for messages ("a publication", "a query")
     */
    public RequestLimits(long limit, String what) {
        this.limit = limit;
        this.what = what;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        HttpServletResponse out = (HttpServletResponse) res;
        String encoding = http.getHeader("Content-Encoding");
        String enc = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        long declared = http.getContentLengthLong();
        boolean chunked = http.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(req, res);
            return;
        }
        if (!enc.equals("identity") && !enc.equals("gzip") && !enc.equals("deflate")) {
            refuse(out, 415, "unsupported Content-Encoding '" + encoding + "': send the body as is, gzip or deflate");
            return;
        }
        if (enc.equals("identity") && declared > limit) {
            refuse(out, 413, tooLarge(declared + " bytes"));
            return;
        }
        String type = http.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            chain.doFilter(req, res);
            return;
        }
        byte[] body;
        try {
            body = readBounded(http.getInputStream(), enc);
        } catch (TooLarge e) {
            refuse(out, 413, tooLarge(enc.equals("identity") ? "more than " + limit + " bytes" : "more than " + limit + " bytes once decompressed (" + enc + ")"));
            return;
        } catch (IOException e) {
            refuse(out, 400, "the body of " + what + " did not arrive whole (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "): the connection closed before " + (chunked ? "the last chunk" : "Content-Length " + declared + " bytes")
                    + "; nothing was changed, send it again");
            return;
        }
        if (enc.equals("identity") && declared > 0 && body.length != declared) {
            refuse(out, 400, "the body of " + what + " has " + body.length + " bytes but Content-Length said " + declared + "; nothing was changed");
            return;
        }
        chain.doFilter(new Whole(http, body), res);
    }

    private String tooLarge(String size) {
        return "the body of " + what + " is " + size + "; this node accepts at most " + limit + " bytes (an operator sets the limit when starting the node)";
    }

    private byte[] readBounded(InputStream raw, String enc) throws IOException {
        InputStream in = switch (enc) {
            case "gzip" -> new GZIPInputStream(raw, 8192);
            case "deflate" -> new InflaterInputStream(raw);
            default -> raw;
        };
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

    private static void refuse(HttpServletResponse res, int status, String message) throws IOException {
        res.setStatus(status);
        res.setContentType("text/plain; charset=utf-8");
        res.setHeader("Connection", "close");
        byte[] b = (message + "\n").getBytes(StandardCharsets.UTF_8);
        res.setContentLength(b.length);
        res.getOutputStream().write(b);
    }

    private static final class TooLarge extends IOException {
        TooLarge() { super(null, null); }
    }

    /** The request with its body read: Fuseki sees plain bytes, already decompressed. */
    private static final class Whole extends HttpServletRequestWrapper {
        private final byte[] body;

        Whole(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override public int getContentLength() { return body.length; }
        @Override public long getContentLengthLong() { return body.length; }

        @Override
        public String getHeader(String name) {
            if (name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("Transfer-Encoding")) return null;
            if (name.equalsIgnoreCase("Content-Length")) return Integer.toString(body.length);
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String h = getHeader(name);
            if (name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Content-Length"))
                return h == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(h));
            return super.getHeaders(name);
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
