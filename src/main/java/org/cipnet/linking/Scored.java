package org.cipnet.linking;

import java.util.Map;

/**
 * A candidate for a query with its score (0–100), the per-signal features the score was made of
 * (see {@link Matcher}), and the decision.
 */
public record Scored(Candidate candidate, double score, Map<String, Double> features, boolean match) {}
