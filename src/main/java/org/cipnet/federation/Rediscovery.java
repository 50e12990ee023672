package org.cipnet.federation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cipnet.federation.members.Member;
import org.cipnet.federation.members.MemberCatalog;
import org.cipnet.federation.members.MemberDiscovery;
import org.cipnet.rdf.RdfInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the members that gave no answer when the federator started (a node started after it, or
 * down then) again, on a schedule, until they answer; one that then describes itself as a
 * contract member replaces its plain-endpoint entry in the catalogue, between queries
 * ({@link MemberCatalog#replace}). Until then it is a plain endpoint: exact, and read at the
 * federator. Its id, timeout and concurrency stay as they were.
 */
final class Rediscovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rediscovery.class);
    /** The most new queries wait for a replacement to find a moment without queries. */
    private static final Duration SWAP_WAIT = Duration.ofMillis(250);

    private final MemberCatalog catalog;
    /** The members still to answer, by id, with the URL each was given as. */
    private final java.util.Map<String, String> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cipnet-rediscovery");
        t.setDaemon(true);
        return t;
    });

    Rediscovery(MemberCatalog catalog, java.util.Map<String, String> urls, Duration every) {
        this.catalog = catalog;
        pending.putAll(urls);
        if (!pending.isEmpty() && !every.isZero() && !every.isNegative())
            timer.scheduleWithFixedDelay(this::round, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: each pending member asked once. */
    void round() {
        for (var entry : java.util.Map.copyOf(pending).entrySet()) {
            String id = entry.getKey();
            try {
                ask(id, entry.getValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                LOG.warn("member {}: asking it again failed: {}", id, failure.toString());
            }
        }
        if (pending.isEmpty()) timer.shutdown();
    }

    private void ask(String id, String url) throws InterruptedException {
        Member current = catalog.byId(id).orElse(null);
        if (current == null) {
            pending.remove(id);
            return;
        }
        // At the URL given, not the endpoint guessed from it: a dataset URL that did not answer was
        // guessed to be a cipnet node's, and only its answer tells whether it is the endpoint itself.
        MemberDiscovery.Discovery d = MemberDiscovery.discovery(id, url);
        if (!d.answered()) return;
        Member found = d.member();
        Member next = new Member(id, found.sparql(), found.uriSpace(), found.voidUrl(), current.timeout(), current.maxConcurrent(), found.stableLabels());
        if (next.equals(current)) {
            pending.remove(id);
            LOG.info("member {} answers now: a plain endpoint, as taken", id);
            return;
        }
        try {
            if (!catalog.replace(next, SWAP_WAIT)) return; // queries kept running: next round
            pending.remove(id);
            LOG.info("member {} answers now: {}", id, next.contract() ? "URI space " + next.uriSpace() + ", stars pushed down" : "a plain endpoint at " + next.sparql());
            if (catalog.reference().isEmpty() && MemberDiscovery.anyNamesReference(List.of(next)))
                LOG.warn("member {} names cipnet's reference graph, which this federator does not hold (--reference auto decided at start,"
                        + " before the member answered): start the federator with --reference cipnet to have it", id);
        } catch (RdfInputException e) {
            pending.remove(id);
            LOG.warn("member {} answers now, but stays a plain endpoint: {}", id, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
