package org.cipnet.linking;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** The matcher over many records at once, on every core, in the records' order. */
public final class Batch {
    private Batch() {}

    /** A record's outcome: its best candidates (best first; the first has {@code match} set). */
    public record Outcome(LinkQuery query, List<Scored> candidates) {
        public Scored best() { return candidates.isEmpty() ? null : candidates.get(0); }

        public boolean linked() { return best() != null && best().match(); }
    }

    /**
     * @param done counts records as they finish (for a progress display)
     */
    public static List<Outcome> run(Matcher m, List<LinkQuery> queries, int candidates, AtomicInteger done) {
        return IntStream.range(0, queries.size()).parallel().mapToObj(i -> {
            Outcome o = new Outcome(queries.get(i), m.match(queries.get(i), candidates));
            done.incrementAndGet();
            return o;
        }).toList();
    }
}
