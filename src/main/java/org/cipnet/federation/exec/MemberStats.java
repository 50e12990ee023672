package org.cipnet.federation.exec;

import java.util.concurrent.atomic.AtomicLong;

/** What one query cost at one member: requests, rows and bytes received, time spent waiting. */
public final class MemberStats {
    public final AtomicLong requests = new AtomicLong();
    public final AtomicLong rows = new AtomicLong();
    public final AtomicLong bytes = new AtomicLong();
    public final AtomicLong nanos = new AtomicLong();
    public final AtomicLong retries = new AtomicLong();
}
