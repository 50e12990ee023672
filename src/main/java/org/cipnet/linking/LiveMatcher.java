package org.cipnet.linking;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A matcher over an endpoint, reloaded when older than its refresh interval (so that a new
 * publication is linkable within that time). The first call loads; a failing reload keeps the
 * previous matcher only until it is twice the interval old, then the failure reaches the caller.
 */
public final class LiveMatcher implements Supplier<Matcher> {
    /** How long candidates are kept by default. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);

    private final String endpoint;
    private final long refreshMillis;
    private Matcher current;
    private long loadedAt;

    public LiveMatcher(String endpoint, Duration refresh) {
        this.endpoint = endpoint;
        this.refreshMillis = refresh.toMillis();
    }

    @Override
    public synchronized Matcher get() {
        long now = System.currentTimeMillis();
        if (current == null || now - loadedAt > refreshMillis) {
            try {
                current = NetworkCandidates.load(endpoint);
                loadedAt = now;
            } catch (RuntimeException e) {
                if (current == null || now - loadedAt > 2 * refreshMillis) throw e;
            }
        }
        return current;
    }
}
