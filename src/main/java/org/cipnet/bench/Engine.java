package org.cipnet.bench;

/** A system under test: something that answers a SPARQL SELECT or ASK query. */
public interface Engine extends AutoCloseable {
    String name();

    Answer answer(String query) throws Exception;

    @Override
    default void close() {}
}
