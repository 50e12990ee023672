package org.cipnet.web;

import org.apache.jena.graph.Node;

/** Text of RDF terms for display, and the one fold every comparison of names uses. */
final class Html {
    private Html() {}

    /** Lower case, accents and scripts folded: "Rīga" and "riga" match (see {@link Text}). */
    static String fold(String s) {
        return Text.fold(s);
    }

    static String text(Node n) {
        if (n == null) return "";
        return n.isLiteral() ? n.getLiteralLexicalForm() : n.isURI() ? n.getURI() : n.toString();
    }
}
