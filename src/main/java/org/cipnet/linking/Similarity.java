package org.cipnet.linking;

import java.util.Arrays;
import java.util.List;

import org.cipnet.text.Normaliser;

/**
 * Name similarity on normalised names ({@link Normaliser#tokens}), independent of word order:
 * a weighted soft token-set score (each word paired with its most similar word on the other side,
 * by Jaro–Winkler, generic words weighing less; words with digits pair only when equal), the Dice coefficient of the names' trigram sets,
 * and Jaro–Winkler of the names with their words sorted (or run together, so that "Energy Vaasa"
 * is close to "EnergyVaasa").
 */
final class Similarity {
    private Similarity() {}

    /** Two words this Jaro–Winkler-similar count as the same word, scaled by their similarity. */
    static final double WORD_MATCH = 0.88;

    /** A name prepared once: its words, their weights, its sorted form and its trigrams (sorted, distinct). */
    record Name(String text, String[] tokens, double[] weights, double totalWeight, String sorted, String compact, int[] trigrams) {
        static Name of(String text, Normaliser n) {
            List<String> t = n.tokens(text);
            String[] tokens = t.toArray(String[]::new);
            double[] w = new double[tokens.length];
            double total = 0;
            for (int i = 0; i < tokens.length; i++) total += w[i] = n.weight(tokens[i]);
            String[] s = tokens.clone();
            Arrays.sort(s);
            return new Name(text, tokens, w, total, String.join(" ", s), String.join("", tokens), Similarity.trigrams(tokens));
        }

        boolean isEmpty() { return tokens.length == 0; }
    }

    /** Most a pair of names whose numbers differ can score: below any automatic link. */
    static final double NUMBERS_DIFFER = 0.6;

    /** The three measures and their combination, 0–1. */
    record Parts(double tokens, double trigrams, double jaroWinkler, boolean numbersDiffer) {
        double combined() {
            double c = 0.5 * tokens + 0.3 * trigrams + 0.2 * jaroWinkler;
            return numbersDiffer ? Math.min(c, NUMBERS_DIFFER) : c;
        }
    }

    static final Parts NONE = new Parts(0, 0, 0, false);

    static Parts compare(Name a, Name b) {
        if (a.isEmpty() || b.isEmpty()) return NONE;
        return new Parts(softTokens(a, b), dice(a.trigrams, b.trigrams), Math.max(jaroWinkler(a.sorted, b.sorted), jaroWinkler(a.compact, b.compact)),
                numbersDiffer(a, b));
    }

    /**
     * Both names have numbers and not the same ones ("m8-950" and "m8-950950", "Agtech 2030" and
     * "Agtech 2040"): trigrams and Jaro–Winkler would call them close, but a number names one thing.
     */
    static boolean numbersDiffer(Name a, Name b) {
        java.util.Set<String> x = numbers(a), y = numbers(b);
        return !x.isEmpty() && !y.isEmpty() && !x.equals(y);
    }

    private static java.util.Set<String> numbers(Name n) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String t : n.tokens) if (hasDigit(t)) out.add(t);
        return out;
    }

    /** Weighted soft token-set similarity: both directions, each word's weight times its best match. */
    static double softTokens(Name a, Name b) {
        double sum = best(a, b) + best(b, a);
        return sum / (a.totalWeight + b.totalWeight);
    }

    private static double best(Name from, Name to) {
        double s = 0;
        for (int i = 0; i < from.tokens.length; i++) {
            double best = 0;
            for (String t : to.tokens) {
                double j = from.tokens[i].equals(t) ? 1 : hasDigit(from.tokens[i]) || hasDigit(t) ? 0 : jaroWinkler(from.tokens[i], t);
                if (j > best) best = j;
            }
            if (best >= WORD_MATCH) s += from.weights[i] * best;
        }
        return s;
    }

    /** Numbers ("2030", "m3") name different things when they differ by one character: they match only exactly. */
    private static boolean hasDigit(String t) {
        for (int i = 0; i < t.length(); i++) if (Character.isDigit(t.charAt(i))) return true;
        return false;
    }

    /** Trigrams of each word padded with a space on both sides, as sorted distinct ints. */
    static int[] trigrams(String[] tokens) {
        int n = 0;
        for (String t : tokens) n += t.length();
        int[] out = new int[n];
        int k = 0;
        for (String t : tokens) {
            String p = " " + t + " ";
            for (int i = 0; i + 3 <= p.length(); i++) out[k++] = (p.charAt(i) << 16) ^ (p.charAt(i + 1) << 8) ^ p.charAt(i + 2);
        }
        int[] g = Arrays.copyOf(out, k);
        Arrays.sort(g);
        return Arrays.stream(g).distinct().toArray();
    }

    static double dice(int[] a, int[] b) {
        if (a.length + b.length == 0) return 0;
        int i = 0, j = 0, common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return 2.0 * common / (a.length + b.length);
    }

    /** Jaro–Winkler similarity (prefix scale 0.1, up to four characters). */
    static double jaroWinkler(String s, String t) {
        if (s.equals(t)) return 1;
        int ls = s.length(), lt = t.length();
        if (ls == 0 || lt == 0) return 0;
        int window = Math.max(0, Math.max(ls, lt) / 2 - 1);
        boolean[] ms = new boolean[ls], mt = new boolean[lt];
        int matches = 0;
        for (int i = 0; i < ls; i++) {
            int from = Math.max(0, i - window), to = Math.min(lt - 1, i + window);
            for (int j = from; j <= to; j++)
                if (!mt[j] && s.charAt(i) == t.charAt(j)) {
                    ms[i] = mt[j] = true;
                    matches++;
                    break;
                }
        }
        if (matches == 0) return 0;
        int transpositions = 0;
        for (int i = 0, j = 0; i < ls; i++) {
            if (!ms[i]) continue;
            while (!mt[j]) j++;
            if (s.charAt(i) != t.charAt(j)) transpositions++;
            j++;
        }
        double m = matches;
        double jaro = (m / ls + m / lt + (m - transpositions / 2.0) / m) / 3;
        int prefix = 0;
        while (prefix < Math.min(4, Math.min(ls, lt)) && s.charAt(prefix) == t.charAt(prefix)) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
