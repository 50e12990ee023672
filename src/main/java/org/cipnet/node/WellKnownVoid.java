package org.cipnet.node;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /.well-known/void} (VoID §7.2): the node's VoID description, as {@code /CC/void} serves it. */
final class WellKnownVoid extends HttpServlet {
    private final VoidDocument document;

    WellKnownVoid(VoidDocument document) {
        this.document = document;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        document.serve(req, res);
    }
}
