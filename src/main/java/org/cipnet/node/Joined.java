package org.cipnet.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work a publication does on another thread, awaited: its failure is thrown as it was thrown there. */
final class Joined {
    private Joined() {}

    static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
