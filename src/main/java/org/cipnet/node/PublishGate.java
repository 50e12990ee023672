package org.cipnet.node;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.jena.graph.Graph;
import org.cipnet.validation.ValidationOutcome;
import org.cipnet.validation.Validator;
import org.cipnet.vocab.CIP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way data enters a national store: ownership, then SHACL, then one write transaction.
 * Parsing happens before (syntax errors never reach the gate), so the gate sees only graphs.
 * SHACL and the write run side by side: the transaction commits only once the validation has
 * passed and is aborted otherwise, so a rejected publication still changes nothing.
 */
public final class PublishGate {
    private static final Logger LOG = LoggerFactory.getLogger(PublishGate.class);
    /** Publications of at least this many triples log their stages. */
    private static final long LARGE = 250_000;

    private final NationalStore store;
    private final Validator validator;
    private final VoidDescription describer;
    private final java.util.List<Runnable> afterPublication = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** One thread, gone after a minute without a publication. */
    private final ExecutorService validating = new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "cipnet-validation");
        t.setDaemon(true);
        return t;
    });

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
        boolean large = data.size() >= LARGE;
        if (large) LOG.info("node {}: publication of {} triples: validating and writing ...", store.country(), String.format("%,d", data.size()));
        long start = System.nanoTime();
        CompletableFuture<ValidationOutcome> validation = CompletableFuture.supplyAsync(() -> validator.validate(Map.of(source, data)), validating);
        Optional<Version> v = store.replace(data, publisher, note, describer, () -> outcome(validation).passes());
        ValidationOutcome outcome = outcome(validation);
        if (large) LOG.info("node {}: publication {} in {} s (SHACL {} s, {} violations, {} warnings)", store.country(),
                v.isPresent() ? "stored as version " + v.get().number() : "rejected", String.format("%.1f", (System.nanoTime() - start) / 1e9),
                String.format("%.1f", outcome.millis() / 1e3), outcome.violations(), outcome.warnings());
        if (v.isEmpty()) return new PublishResult.Invalid(outcome);
        afterPublication.forEach(Runnable::run);
        return new PublishResult.Accepted(v.get(), outcome);
    }

    /** Waits for the validation; its failure is thrown as it was thrown. */
    private static ValidationOutcome outcome(CompletableFuture<ValidationOutcome> validation) {
        return Joined.join(validation);
    }

    /**
     * Makes a kept version current again, as a new version. It is not validated again: it passed
     * the gate when it was published.
     */
    public synchronized Version rollback(int number, String publisher) {
        Graph snapshot = store.snapshot(number)
                .orElseThrow(() -> new IllegalArgumentException("version " + number + " is not kept (kept: "
                        + store.versions().stream().filter(v -> store.kept(v.number())).map(v -> "" + v.number()).toList() + ")"));
        Version v = store.replace(snapshot, publisher, "rollback to " + number, describer);
        afterPublication.forEach(Runnable::run);
        return v;
    }
}
