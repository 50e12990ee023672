package org.cipnet.web;

import org.cipnet.text.Normaliser;

/** Text as the search compares it: the network's one name normaliser (scripts romanised, accents and case folded). */
final class Text {
    private Text() {}

    static String fold(String s) {
        return Normaliser.standard().fold(s);
    }
}
