package org.cipnet.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import com.ibm.icu.text.Transliterator;

/**
 * Turns organisation names into comparable tokens, the same way for the data and for a query:
 * <ol>
 * <li>{@link #fold}: every script to Latin (Russian by the BGN/PCGN romanisation, so that English
 * spellings of Russian names match), accents and case removed, apostrophes dropped, dots and
 * slashes inside a word dropped ({@code S.A.}, {@code A/S} and {@code SA}, {@code AS} fold alike),
 * anything else that is not a letter or digit a space;</li>
 * <li>{@link #tokens}: the folded words, with legal forms (ISO 20275 abbreviations and
 * multi-word names, e.g. {@code AS}, {@code sp. z o.o.}, {@code Sabiedrība ar ierobežotu atbildību})
 * stripped from the start and the end of the name, never down to nothing;</li>
 * <li>{@link #weight}: 1 for a distinctive word, less for generic ones ("cluster", "klynge",
 * "association", one-word legal form names such as "forening", stop words) — down-weighted,
 * not ignored, so "Oslo Cancer Cluster" still differs from "Oslo Cancer".</li>
 * </ol>
 * Thread-safe; {@link #standard()} is built once (the legal-form list is read from the class path).
 */
public final class Normaliser {
    /** Weight of a generic word relative to a distinctive one. */
    public static final double GENERIC_WEIGHT = 0.25;

    private static final Normaliser STANDARD = new Normaliser();

    private final Transliterator toLatin = Transliterator.getInstance("Russian-Latin/BGN; Any-Latin; Latin-ASCII; Any-Lower");
    /** Legal forms, each as its folded token sequence (stripped at a name's edges). */
    private final Set<List<String>> legalForms = new HashSet<>();
    private final int longestLegalForm;
    private final Set<String> generic = new HashSet<>();

    private Normaliser() {
        readLegalForms();
        for (String line : lines("legal-forms-extra.txt")) legalForms.add(List.of(fold(line).split(" ")));
        for (String line : lines("generic-words.txt")) generic.add(fold(line));
        longestLegalForm = legalForms.stream().mapToInt(List::size).max().orElse(0);
    }

    /** The normaliser with the shipped legal-form and generic-word lists. */
    public static Normaliser standard() {
        return STANDARD;
    }

    /**
     * Folds case, accents and scripts: {@code "Rīga"} → {@code "riga"}, {@code "Пущино"} →
     * {@code "pushchino"}, {@code "Ørsted A/S"} → {@code "orsted as"}. Words are separated by one
     * space; the result has only {@code a-z}, {@code 0-9} and spaces.
     */
    public String fold(String s) {
        if (s == null || s.isEmpty()) return "";
        String latin = isAscii(s) ? s.toLowerCase(java.util.Locale.ROOT) : transliterate(s);
        StringBuilder out = new StringBuilder(latin.length());
        boolean space = true;
        for (int i = 0; i < latin.length(); i++) {
            char c = latin.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
                space = false;
            } else if (c == '\'' || c == '`' || ((c == '.' || c == '/') && i > 0 && i + 1 < latin.length()
                    && Character.isLetterOrDigit(latin.charAt(i - 1)) && Character.isLetterOrDigit(latin.charAt(i + 1)))) {
                // inside a word: "o.o." and "a/s" are one word; "peterhof's" is one word
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') out.setLength(end - 1);
        return out.toString();
    }

    /** The folded words of a name, legal forms stripped from its start and end. */
    public List<String> tokens(String name) {
        String folded = fold(name);
        if (folded.isEmpty()) return List.of();
        List<String> t = new ArrayList<>(List.of(folded.split(" ")));
        boolean changed = true;
        while (changed && t.size() > 1) {
            changed = false;
            for (int n = Math.min(longestLegalForm, t.size() - 1); n >= 1; n--) {
                if (legalForms.contains(t.subList(t.size() - n, t.size()))) {
                    t.subList(t.size() - n, t.size()).clear();
                    changed = true;
                    break;
                }
                if (legalForms.contains(t.subList(0, n))) {
                    t.subList(0, n).clear();
                    changed = true;
                    break;
                }
            }
        }
        return List.copyOf(t);
    }

    /** The name's tokens joined by single spaces: a comparison key. */
    public String key(String name) {
        return String.join(" ", tokens(name));
    }

    /** Whether a folded word is generic (common to many names; see the class comment). */
    public boolean isGeneric(String token) {
        return generic.contains(token);
    }

    /** A folded word's weight in name similarity: 1, or {@link #GENERIC_WEIGHT} for a generic word. */
    public double weight(String token) {
        return generic.contains(token) ? GENERIC_WEIGHT : 1.0;
    }

    private String transliterate(String s) {
        // ICU's compound transliterators keep per-call state; one at a time is fast enough here
        // because ASCII input (most queries) never gets here.
        synchronized (toLatin) {
            return toLatin.transliterate(s);
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    /**
     * Reads the ELF list: every abbreviation (local and transliterated, ';'-separated) of two
     * letters or more, every legal form name of two words or more, and one-word names that have an
     * abbreviation (company forms: "Aktiebolag", "Osakeyhtiö"). One-word names without one
     * ("Forening", "Region", "Fond") are ordinary words of cluster names too, so they are only
     * down-weighted, like generic words.
     */
    private void readLegalForms() {
        try (InputStream in = resource("iso20275-elf-subset.csv");
             var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                     .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (CSVRecord r : parser) {
                boolean abbreviated = false;
                for (String column : List.of("Abbreviations Local language", "Abbreviations transliterated"))
                    for (String abbreviation : r.get(column).split(";")) {
                        String f = fold(abbreviation);
                        if (f.replace(" ", "").length() < 2) continue;
                        legalForms.add(List.of(f.split(" ")));
                        abbreviated = true;
                    }
                for (String column : List.of("Entity Legal Form name Local name", "Entity Legal Form name Transliterated name (per ISO 01-140-10)")) {
                    String f = fold(r.get(column));
                    if (f.isEmpty()) continue;
                    if (f.contains(" ") || abbreviated) legalForms.add(List.of(f.split(" ")));
                    else generic.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String name) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) out.add(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = Normaliser.class.getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("missing resource org/cipnet/text/" + name);
        return in;
    }
}
