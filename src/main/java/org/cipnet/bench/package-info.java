/**
 * Benchmarks and their data: a deterministic generator of synthetic national graphs, shaped like the
 * real ones and kept in their own URI space ({@code https://w3id.org/cipnet/synthetic/}), never in
 * {@code data/}.
 */
package org.cipnet.bench;
