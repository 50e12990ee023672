package org.cipnet.node;

import java.util.Map;

import org.apache.jena.graph.Graph;
import org.cipnet.validation.ValidationOutcome;
import org.cipnet.validation.Validator;
import org.cipnet.vocab.CIP;

/**
 * The one way data enters a national store: ownership, then SHACL, then one write transaction.
 * Parsing happens before (syntax errors never reach the gate), so the gate sees only graphs.
 */
public final class PublishGate {
    private final NationalStore store;
    private final Validator validator;
    private final VoidDescription describer;
    private final java.util.List<Runnable> afterPublication = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PublishGate(NationalStore store, Validator validator, VoidDescription describer) {
        this.store = store;
        this.validator = validator;
        this.describer = describer;
    }

    /** Runs {@code r} after every accepted publication and rollback, once its transaction has committed. */
    public void afterPublication(Runnable r) {
        afterPublication.add(r);
    }

    /**
     * Validates and, when it passes, stores {@code data} as the next version. An empty graph would
     * delete the whole national graph, which is what a cut-off or mistaken upload looks like: it is
     * refused unless {@code allowEmpty} says that is meant.
     */
    public synchronized PublishResult publish(Graph data, String source, String publisher, String note, boolean allowEmpty) {
        if (data.isEmpty() && !allowEmpty) return new PublishResult.Empty();
        var foreign = Ownership.foreignSubjects(data, store.country());
        if (!foreign.isEmpty()) return new PublishResult.Foreign(CIP.uriSpace(store.country()), foreign);
        ValidationOutcome outcome = validator.validate(Map.of(source, data));
        if (!outcome.passes()) return new PublishResult.Invalid(outcome);
        Version v = store.replace(data, publisher, note, describer::describe);
        afterPublication.forEach(Runnable::run);
        return new PublishResult.Accepted(v, outcome);
    }

    /**
     * Makes a kept version current again, as a new version. It is not validated again: it passed
     * the gate when it was published.
     */
    public synchronized Version rollback(int number, String publisher) {
        Graph snapshot = store.snapshot(number)
                .orElseThrow(() -> new IllegalArgumentException("version " + number + " is not kept (kept: "
                        + store.versions().stream().filter(v -> store.kept(v.number())).map(v -> "" + v.number()).toList() + ")"));
        Version v = store.replace(snapshot, publisher, "rollback to " + number, describer::describe);
        afterPublication.forEach(Runnable::run);
        return v;
    }
}
