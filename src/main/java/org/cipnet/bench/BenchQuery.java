package org.cipnet.bench;

/**
 * One query of the benchmark set.
 *
 * @param name  short name, unique in the set
 * @param shape what it exercises: star, chain, cross-member join, optional, filter, top-k, aggregate,
 *              language fallback, date alternatives, two-variable filter, union about subject,
 *              count-distinct, property path, or catalogue (an analyst query from {@code queries/})
 * @param text  the SPARQL text
 */
public record BenchQuery(String name, String shape, String text) {
    /** Aggregates and member-local queries: the ones the report's "≤ 1.5× central" goal is read against. */
    public boolean aggregateOrMemberLocal() {
        return shape.equals("aggregate") || shape.equals("star") || shape.equals("chain") || shape.equals("filter");
    }
}
