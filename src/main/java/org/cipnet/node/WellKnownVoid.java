package org.cipnet.node;

import java.io.IOException;

import org.cipnet.opendata.RdfNegotiation;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /.well-known/void} (VoID §7.2): the node's VoID description, as {@code /CC/void} serves it. */
final class WellKnownVoid extends HttpServlet {
    private final NationalStore store;

    WellKnownVoid(NationalStore store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        var g = store.voidDescription();
        g.getPrefixMapping().setNsPrefixes(org.cipnet.vocab.Prefixes.usedIn(g));
        RdfNegotiation.write(res, g, req.getHeader("Accept"));
    }
}
