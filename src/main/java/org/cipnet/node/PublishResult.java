package org.cipnet.node;

import java.util.List;

import org.cipnet.validation.ValidationOutcome;

/** What the publish gate decided. */
public sealed interface PublishResult {

    /** Stored as a new version; the outcome may carry warnings. */
    record Accepted(Version version, ValidationOutcome outcome) implements PublishResult {}

    /** SHACL Violations: nothing was changed. */
    record Invalid(ValidationOutcome outcome) implements PublishResult {}

    /** Subjects outside the member's URI space: nothing was changed. */
    record Foreign(String uriSpace, List<String> subjects) implements PublishResult {}
}
