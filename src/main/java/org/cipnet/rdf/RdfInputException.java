package org.cipnet.rdf;

/** Input that cannot be read as RDF at all: a missing file, an empty directory, an unknown format. */
public class RdfInputException extends Exception {
    public RdfInputException(String message) {
        super(message);
    }
}
