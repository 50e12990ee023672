package org.cipnet.federation;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Fair use of the public endpoint, per client (its IP address): a query-time budget, refilled
 * continuously ({@code budgetSeconds} of query time per {@code windowSeconds}, like Wikidata's
 * public endpoint), and a cap on queries in flight at once. A client over either limit is answered
 * 429 with {@code Retry-After}, before its query runs; a query already running is never cut.
 *
 * @param budgetSeconds query time a client may use per window (and the most it can save up); 0 turns the budget off
 * @param windowSeconds the window the budget refills over
 * @param maxConcurrent queries one client may have running at once; 0 turns the cap off
 */
public record FairUse(double budgetSeconds, double windowSeconds, int maxConcurrent) {
    /** On by default: 60 s of query time per 60 s, 8 queries at once, per client. */
    public static final FairUse DEFAULT = new FairUse(60, 60, 8);
    public static final FairUse OFF = new FairUse(0, 60, 0);

    public FairUse {
        if (budgetSeconds < 0 || windowSeconds <= 0 || maxConcurrent < 0)
            throw new IllegalArgumentException("fair use: the budget and cap must be ≥ 0 and the window > 0");
    }

    /** The filter that enforces it on the SPARQL endpoint. */
    Filter filter() {
        return new Enforcer(this);
    }

    /** One client's account: query time left (seconds, refilled over time) and queries in flight. */
    private static final class Account {
        double left;
        long refilledAt = System.nanoTime();
        int running;

        Account(double budget) {
            left = budget;
        }
    }

    private static final class Enforcer implements Filter {
        private final FairUse limits;
        private final Map<String, Account> accounts = new ConcurrentHashMap<>();

        Enforcer(FairUse limits) {
            this.limits = limits;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest req = (HttpServletRequest) request;
            HttpServletResponse res = (HttpServletResponse) response;
            Account a = accounts.computeIfAbsent(req.getRemoteAddr(), k -> new Account(limits.budgetSeconds()));
            long retryAfter = admit(a);
            if (retryAfter > 0) {
                res.setHeader("Retry-After", Long.toString(retryAfter));
                res.setStatus(429);
                res.setContentType("text/plain; charset=utf-8");
                res.getWriter().println(a.running >= limits.maxConcurrent() && limits.maxConcurrent() > 0
                        ? "too many queries at once from " + req.getRemoteAddr() + " (at most " + limits.maxConcurrent()
                                + " in flight per client); retry after " + retryAfter + " s"
                        : "query-time budget used up for " + req.getRemoteAddr() + " (" + limits.budgetSeconds() + " s of query time per "
                                + limits.windowSeconds() + " s per client); retry after " + retryAfter + " s");
                return;
            }
            long t0 = System.nanoTime();
            try {
                chain.doFilter(request, response);
            } finally {
                synchronized (a) {
                    a.running--;
                    a.left -= (System.nanoTime() - t0) / 1e9;
                }
            }
        }

        /** Lets the query in (0) or says how many seconds to wait. */
        private long admit(Account a) {
            synchronized (a) {
                long now = System.nanoTime();
                double rate = limits.budgetSeconds() / limits.windowSeconds();
                a.left = Math.min(limits.budgetSeconds(), a.left + (now - a.refilledAt) / 1e9 * rate);
                a.refilledAt = now;
                if (limits.maxConcurrent() > 0 && a.running >= limits.maxConcurrent()) return 1;
                if (limits.budgetSeconds() > 0 && a.left <= 0) return Math.max(1, (long) Math.ceil(-a.left / rate + 1e-9));
                a.running++;
                return 0;
            }
        }
    }
}
