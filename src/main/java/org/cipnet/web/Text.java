package org.cipnet.web;

import org.apache.lucene.analysis.icu.ICUFoldingFilter;

import com.ibm.icu.text.Transliterator;

/** Text as the search compares it: Cyrillic romanised (BGN/PCGN), then ICU-folded (case, accents, ligatures). */
final class Text {
    private Text() {}

    static final String TRANSLITERATION = "Russian-Latin/BGN";
    private static final Transliterator ROMANISE = Transliterator.getInstance(TRANSLITERATION);

    static String fold(String s) {
        if (s == null) return "";
        String latin;
        synchronized (ROMANISE) {
            latin = ROMANISE.transliterate(s);
        }
        return ICUFoldingFilter.NORMALIZER.normalize(latin);
    }
}
