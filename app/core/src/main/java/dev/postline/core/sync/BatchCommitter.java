package dev.postline.core.sync;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Commits one touchpoint's batches in order on a virtual thread of its own, so that its sync loop
 * fetches and prepares (parses, writes the raw bytes of) the next batch while the database stores
 * this one. At most one commit is in flight: {@link #submit} first waits for the previous one, and a
 * commit that failed is thrown there (or by {@link #await}) — to the sync loop, which then starts
 * again from the cursor the database holds, exactly as if it had run the commit itself. Batches
 * after a failed one are never committed.
 */
final class BatchCommitter {

    private final String name;
    private FutureTask<Void> pending;

    BatchCommitter(String name) {
        this.name = name;
    }

    /** Waits for the previous commit (throwing its failure), then starts {@code commit}. */
    void submit(Runnable commit) throws InterruptedException {
        await();
        FutureTask<Void> task = new FutureTask<>(commit, null);
        Thread.ofVirtual().name(name).start(task);
        pending = task;
    }

    /** Waits for the commit in flight, if any; its failure is thrown as it was thrown. */
    void await() throws InterruptedException {
        FutureTask<Void> task = pending;
        if (task == null) {
            return;
        }
        pending = null;
        try {
            task.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException failure -> throw failure;
                case Error failure -> throw failure;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }
}
