package org.cipnet.testing;

import org.cipnet.rdf.ProjectFiles;
import org.cipnet.rdf.RdfInputException;
import org.cipnet.validation.Validator;

/** The checkout under test (surefire sets {@code cipnet.home}) and a validator loaded once from it. */
public final class Checkout {
    private Checkout() {}

    private static Validator validator;

    public static ProjectFiles files() {
        return ProjectFiles.locate();
    }

    public static synchronized Validator validator() {
        if (validator == null) {
            try {
                validator = Validator.load(files());
            } catch (RdfInputException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return validator;
    }
}
