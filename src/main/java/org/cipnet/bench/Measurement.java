package org.cipnet.bench;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One query on one system: the latency of each timed run, what the members were asked for per run,
 * and how the answer compares with the central store's.
 *
 * @param millis   latency of each timed run
 * @param requests requests the members served per run (source selection included)
 * @param bytes    answer bytes the members sent per run
 * @param check    {@code reference} for the central store itself, {@code same}, {@code differs: …} or {@code error: …}
 * @param ideal    members holding data the answer is made of ({@link IdealSources}), -1 when unknown: the requests an ideal federator sends
 */
public record Measurement(String query, String shape, String system, List<Double> millis, double requests, double bytes,
                          int rows, String check, int ideal) {
    @JsonProperty
    public double median() {
        if (millis.isEmpty()) return Double.NaN;
        List<Double> s = millis.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    @JsonProperty
    public double min() { return millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN); }

    @JsonProperty
    public double max() { return millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN); }

    public boolean answered() { return !check.startsWith("error"); }

    public boolean matches() { return check.equals("same") || check.equals("reference"); }
}
