package dev.postline.connectors.api;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * For connectors that poll: the pause between two polls, and what ends it early — the session
 * closing, or a change hint from outside ({@link ChangeHints}: a push the server received for this
 * mailbox). A hint that arrives while no pause is under way is kept for the next one, so a
 * notification that lands between a fetch and the following wait is not lost. Thread-safe.
 */
public final class PollPause {

    public enum End { ELAPSED, HINTED, CLOSED }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private boolean closed;
    private boolean hinted;

    /** Any thread: ends the current pause, or the next one, with {@link End#HINTED}. */
    public void hint() {
        signal(() -> hinted = true);
    }

    /** Any thread: ends the current and every later pause with {@link End#CLOSED}. */
    public void close() {
        signal(() -> closed = true);
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a kept hint: the caller is about to poll anyway, and that poll sees what the hint was about. */
    public void forgetHint() {
        lock.lock();
        try {
            hinted = false;
        } finally {
            lock.unlock();
        }
    }

    public End await(Duration max) throws InterruptedException {
        lock.lock();
        try {
            long left = max.toNanos();
            while (!closed && !hinted && left > 0) {
                left = signalled.awaitNanos(left);
            }
            if (closed) {
                return End.CLOSED;
            }
            if (hinted) {
                hinted = false;
                return End.HINTED;
            }
            return End.ELAPSED;
        } finally {
            lock.unlock();
        }
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
