package org.cipnet.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The Yellow Pages search: a Lucene index in memory, one document per cluster organisation, built
 * from a {@link Directory.Snapshot}. Text is folded by the network's name normaliser (every script
 * to Latin, Russian by BGN/PCGN, accents and case removed) and cut into words, so "riga" finds
 * "Rīga" and "NCE" finds NCE but not "Alliance". Each word of a query must match some field, in any order,
 * exactly (highest), as a prefix (typing) or within one or two edits (typos).
 *
 * <p>Prefixes and typos are looked up in each field's sorted word list rather than with Lucene's
 * {@code PrefixQuery} and {@code FuzzyQuery}: the lists hold a few thousand words, and scanning
 * them costs microseconds, while a {@code FuzzyQuery} builds a Levenshtein automaton per field and
 * query word, which was half the CPU time of a search page with 8 visitors.
 */
final class SearchIndex {
    /** Searched fields, with their weights; the order is the order in which a match is reported. */
    enum Field {
        NAME(4f), OTHER(3f), PLACE(2f), TOPIC(1.5f), DESCRIPTION(0.6f);

        final float weight;

        Field(float weight) {
            this.weight = weight;
        }

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One hit: the entry, its score, and which field (and text) matched the query. */
    record Hit(Directory.Entry entry, float score, Field field, String matched) {}

    private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    private final IndexSearcher searcher;
    private final List<Directory.Entry> docs = new ArrayList<>();
    /** Lucene's document number to the entry's place in {@link #docs}, read from the stored field once at build time, not per hit. */
    private final int[] entryOf;
    private final List<Map<Field, List<String>>> values = new ArrayList<>();
    /** Each value's words, folded once at build time (for telling which field matched). */
    private final Map<String, List<String>> folded = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each field's distinct words as indexed, sorted. */
    private final Map<Field, List<String>> dictionary = new java.util.EnumMap<>(Field.class);

    /** Words as {@link Text#fold} makes them (the linking service's normaliser), cut at spaces. */
    static Analyzer analyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer t = new WhitespaceTokenizer();
                return new TokenStreamComponents(t);
            }

            @Override
            protected java.io.Reader initReader(String field, java.io.Reader reader) {
                try {
                    // Fields and queries are short: read whole, fold, tokenise.
                    StringBuilder sb = new StringBuilder();
                    char[] buf = new char[1024];
                    for (int n; (n = reader.read(buf)) > 0; ) sb.append(buf, 0, n);
                    return new java.io.StringReader(Text.fold(sb.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private final Analyzer analyzer = analyzer();

    private SearchIndex(Directory.Snapshot s) throws IOException {
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (Directory.Entry e : s.entries()) {
                Map<Field, List<String>> v = new LinkedHashMap<>();
                for (Field f : Field.values()) v.put(f, new ArrayList<>());
                v.get(Field.NAME).addAll(e.names().values());
                v.get(Field.OTHER).addAll(e.otherNames());
                if (e.city() != null) v.get(Field.PLACE).add(e.city());
                if (e.region() != null) labels(s, e.region(), v.get(Field.PLACE));
                if (e.country() != null) labels(s, Directory.countryIri(e.country()), v.get(Field.PLACE));
                if (e.country() != null && !s.labels().containsKey(Directory.countryIri(e.country())))
                    v.get(Field.PLACE).add(Directory.FALLBACK_COUNTRIES.getOrDefault(e.country(), e.country()));
                for (String c : e.ecosystems()) labels(s, c, v.get(Field.TOPIC));
                for (String c : e.categories()) labels(s, c, v.get(Field.TOPIC));
                for (String c : e.levels()) labels(s, c, v.get(Field.TOPIC));
                for (String c : e.awards()) labels(s, c, v.get(Field.TOPIC));
                v.get(Field.DESCRIPTION).addAll(e.descriptions().values());
                Document d = new Document();
                d.add(new StoredField("doc", docs.size()));
                v.forEach((f, texts) -> texts.forEach(t -> d.add(new TextField(f.key(), t, org.apache.lucene.document.Field.Store.NO))));
                w.addDocument(d);
                docs.add(e);
                values.add(v);
                v.values().forEach(texts -> texts.forEach(t -> folded.computeIfAbsent(t, this::words)));
            }
        }
        searcher = new IndexSearcher(DirectoryReader.open(dir));
        var stored = searcher.storedFields();
        entryOf = new int[searcher.getIndexReader().maxDoc()];
        for (int d = 0; d < entryOf.length; d++) entryOf[d] = stored.document(d).getField("doc").numericValue().intValue();
        for (Field f : Field.values()) {
            List<String> words = new ArrayList<>();
            Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), f.key());
            if (terms != null) {
                TermsEnum te = terms.iterator();
                for (BytesRef b; (b = te.next()) != null; ) words.add(b.utf8ToString());
            }
            // In String order, which the binary searches below rely on (Lucene's byte order differs outside ASCII).
            words.sort(null);
            dictionary.put(f, List.copyOf(words));
        }
    }

    private static void labels(Directory.Snapshot s, String iri, List<String> into) {
        var l = s.labels().get(iri);
        if (l != null) into.addAll(l.values());
        into.addAll(s.altLabels().getOrDefault(iri, List.of()));
    }

    static SearchIndex build(Directory.Snapshot s) {
        try {
            return new SearchIndex(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The query's words as the index holds them. */
    List<String> words(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("name", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Query query(List<String> words) {
        if (words.isEmpty()) return new MatchAllDocsQuery();
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String w : words) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (Field f : Field.values()) {
                List<String> dict = dictionary.get(f);
                int at = java.util.Collections.binarySearch(dict, w);
                if (at >= 0) any.add(new BoostQuery(new TermQuery(new Term(f.key(), w)), f.weight * 3), Occur.SHOULD);
                if (w.length() >= 2) {
                    List<BytesRef> prefixed = new ArrayList<>();
                    for (int i = at >= 0 ? at : -at - 1; i < dict.size() && dict.get(i).startsWith(w); i++) prefixed.add(new BytesRef(dict.get(i)));
                    terms(any, f, prefixed, f.weight * 1.5f);
                }
                if (w.length() >= 4) {
                    // Typos: words with the same first letter within one edit (two from six letters on), closer ones weighing more.
                    List<BytesRef> one = new ArrayList<>(), two = new ArrayList<>();
                    int from = java.util.Collections.binarySearch(dict, w.substring(0, 1));
                    for (int i = from >= 0 ? from : -from - 1; i < dict.size() && dict.get(i).charAt(0) == w.charAt(0); i++) {
                        int d = edits(dict.get(i), w);
                        if (d == 1) one.add(new BytesRef(dict.get(i)));
                        else if (d == 2) two.add(new BytesRef(dict.get(i)));
                    }
                    terms(any, f, one, f.weight);
                    terms(any, f, two, f.weight / 2);
                }
            }
            all.add(any.build(), Occur.MUST);
        }
        // A name typed whole ranks its holder above clusters that have the same words spread over fields
        // ("NCE Subsea", a former name, over a cluster named NCE … with Subsea in another of its names).
        if (words.size() > 1)
            for (Field f : Field.values()) all.add(new BoostQuery(new PhraseQuery(f.key(), words.toArray(String[]::new)), f.weight * 3 * words.size()), Occur.SHOULD);
        return all.build();
    }

    private static void terms(BooleanQuery.Builder any, Field f, List<BytesRef> words, float boost) {
        if (!words.isEmpty()) any.add(new BoostQuery(new ConstantScoreQuery(new TermInSetQuery(f.key(), words)), boost), Occur.SHOULD);
    }

    /** Every entry matching {@code text}, best first (all of them, by name, for an empty query). */
    List<Hit> search(String text) {
        List<String> words = words(text == null ? "" : text);
        Query q = query(words);
        try {
            List<Hit> out = new ArrayList<>();
            if (words.isEmpty()) {
                for (Directory.Entry e : docs) out.add(new Hit(e, 0, null, null));
                return out;
            }
            for (ScoreDoc sd : searcher.search(q, Math.max(1, docs.size())).scoreDocs) {
                int i = entryOf[sd.doc];
                out.add(matched(docs.get(i), sd.score, values.get(i), words));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Which field to show as the match: the one with a value covering most of the query's words
     * (exact, prefix or near), the earlier field on a tie, so a former name typed in full is shown
     * as such even when a current name shares a word with it.
     */
    private Hit matched(Directory.Entry e, float score, Map<Field, List<String>> fields, List<String> words) {
        Field best = null;
        String text = null;
        int most = 0;
        for (Field f : Field.values()) {
            for (String v : fields.get(f)) {
                int n = covered(v, words);
                if (n > most) {
                    most = n;
                    best = f;
                    text = v;
                }
            }
        }
        return new Hit(e, score, best, text);
    }

    /** How many of the query's words a text has (exact, prefix or near). */
    private int covered(String text, List<String> words) {
        List<String> tokens = folded.computeIfAbsent(text, this::words);
        int count = 0;
        for (String w : words)
            if (tokens.stream().anyMatch(t -> t.startsWith(w) || (w.length() >= 4 && t.charAt(0) == w.charAt(0) && edits(t, w) > 0))) count++;
        return count;
    }

    /**
     * The edits (insertion, deletion, substitution, swap of neighbours) between a word of the index
     * and a query word, when within the typo allowance (one, or two from six letters on); 0 for
     * equal words, -1 beyond the allowance.
     */
    static int edits(String a, String b) {
        int max = b.length() >= 6 ? 2 : 1;
        if (Math.abs(a.length() - b.length()) > max) return -1;
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) v = Math.min(v, d[i - 2][j - 2] + 1);
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) return -1;
        }
        int e = d[a.length()][b.length()];
        return e <= max ? e : -1;
    }
}
