package org.cipnet.node;

import java.time.Instant;

/**
 * One accepted publication of a national graph.
 *
 * @param number    1, 2, 3 … in order of publication; never reused
 * @param time      when the write transaction committed
 * @param publisher the authenticated user who published it
 * @param triples   size of the national graph after it
 * @param added     triples in this version that were not in the previous one
 * @param removed   triples of the previous version that this one dropped
 * @param note      what kind of publication it was ("publish", "rollback to 3", "initial load")
 */
public record Version(int number, Instant time, String publisher, long triples, long added, long removed, String note) {}
