package org.cipnet.http;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response whose body stream passes every byte on to the wrapped response's, telling
 * {@link #written} what went by; the filters that count, copy or hold an answer say only what
 * they add. A flush goes on unless {@link #forwardsFlush} says otherwise.
 */
public abstract class ForwardingResponse extends HttpServletResponseWrapper {
    private ServletOutputStream stream;

    protected ForwardingResponse(HttpServletResponse response) {
        super(response);
    }

    /** Bytes that went on to the wrapped stream. */
    protected void written(byte[] b, int off, int len) {}

    /** Whether a flush of the body stream reaches the wrapped one. */
    protected boolean forwardsFlush() {
        return true;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream != null) return stream;
        ServletOutputStream out = super.getOutputStream();
        stream = new ServletOutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                if (forwardsFlush()) out.flush();
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
