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
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The Yellow Pages search: a Lucene index in memory, one document per cluster organisation, built
 * from a {@link Directory.Snapshot}. Text is folded by the network's name normaliser (every script
 * to Latin, Russian by BGN/PCGN, accents and case removed) and cut into words, so "riga" finds
 * "Rīga" and "NCE" finds NCE but not "Alliance". Each word of a query must match some field, in any order,
 * exactly (highest), as a prefix (typing) or within one or two edits (typos).
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
    private final List<Map<Field, List<String>>> values = new ArrayList<>();
    /** Each value's words, folded once at build time (for telling which field matched). */
    private final Map<String, List<String>> folded = new java.util.concurrent.ConcurrentHashMap<>();

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

    private static Query query(List<String> words) {
        if (words.isEmpty()) return new MatchAllDocsQuery();
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String w : words) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (Field f : Field.values()) {
                Term t = new Term(f.key(), w);
                any.add(new BoostQuery(new TermQuery(t), f.weight * 3), Occur.SHOULD);
                if (w.length() >= 2) any.add(new BoostQuery(new PrefixQuery(t), f.weight * 1.5f), Occur.SHOULD);
                if (w.length() >= 4) any.add(new BoostQuery(new FuzzyQuery(t, w.length() >= 6 ? 2 : 1, 1), f.weight), Occur.SHOULD);
            }
            all.add(any.build(), Occur.MUST);
        }
        return all.build();
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
                int i = searcher.storedFields().document(sd.doc).getField("doc").numericValue().intValue();
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
            if (tokens.stream().anyMatch(t -> t.startsWith(w) || (w.length() >= 4 && near(t, w)))) count++;
        return count;
    }

    private static boolean near(String a, String b) {
        int max = b.length() >= 6 ? 2 : 1;
        if (Math.abs(a.length() - b.length()) > max) return false;
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()] <= max;
    }
}
