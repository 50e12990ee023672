package org.cipnet.node;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing on the write paths. Failed logins are counted per user name and per
 * client address: after {@link #FREE_FAILURES} failures, every further attempt for that user or
 * from that address (right password or not) is refused until a back-off has passed, which starts
 * at one second and doubles with each further failure up to {@link #MAX_DELAY}. A successful login
 * clears both counts; failures are forgotten {@link #FORGET_AFTER} after the last one.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    /** Enough for every user and client of a national node; beyond it the oldest-expired are dropped first. */
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant last, Instant blockedUntil) {}

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    /** How long {@code user} from {@code client} must still wait before a login is tried; zero when it may be tried now. */
    Duration wait(String user, String client) {
        Instant now = Instant.now();
        Duration w = Duration.ZERO;
        for (String key : keys(user, client)) {
            Failures f = failures.get(key);
            if (f != null && f.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.blockedUntil());
                if (left.compareTo(w) > 0) w = left;
            }
        }
        return w;
    }

    void failed(String user, String client) {
        Instant now = Instant.now();
        if (failures.size() > MAX_TRACKED) failures.values().removeIf(f -> f.last().plus(FORGET_AFTER).isBefore(now));
        for (String key : keys(user, client))
            failures.compute(key, (k, f) -> {
                int count = f == null || f.last().plus(FORGET_AFTER).isBefore(now) ? 1 : f.count() + 1;
                return new Failures(count, now, now.plus(delay(count)));
            });
    }

    void succeeded(String user, String client) {
        for (String key : keys(user, client)) failures.remove(key);
    }

    /** The back-off after {@code count} failures in a row. */
    static Duration delay(int count) {
        if (count < FREE_FAILURES) return Duration.ZERO;
        int doublings = Math.min(count - FREE_FAILURES, 20);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private static String[] keys(String user, String client) {
        return new String[] {"user " + user, "client " + client};
    }
}
