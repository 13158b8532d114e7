package dev.postline.connectors.gmail;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.GmailCursor;
import dev.postline.connectors.api.WaitOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waiting for mail by polling {@code users.history.list} (one record is enough to know) every poll
 * interval. The platform cannot receive Cloud Pub/Sub pushes here; see {@code package-info} for how
 * {@code users.watch} push would slot in as an optional capability, with this poll kept as reconciliation.
 */
final class ChangePoller {

    private final HistoryFetcher history;
    private final Duration interval;
    private final Clock clock;
    private final CountDownLatch closed = new CountDownLatch(1);

    ChangePoller(HistoryFetcher history, Duration interval, Clock clock) {
        this.history = history;
        this.interval = interval;
        this.clock = clock;
    }

    WaitOutcome await(GmailCursor since, Instant deadline) throws ConnectorException {
        if (since.listing() != null) {
            return WaitOutcome.CHANGED; // a full sync is under way: there is work without asking
        }
        while (closed.getCount() > 0) {
            try {
                if (HistoryFetcher.hasRecords(history.page(since.historyId(), 1))) {
                    return WaitOutcome.CHANGED;
                }
            } catch (ConnectorException e) {
                if (closed.getCount() == 0) {
                    return WaitOutcome.TIMEOUT; // close() cut the request short
                }
                throw e;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return WaitOutcome.TIMEOUT;
            }
            try {
                if (closed.await(Math.min(left.toMillis(), interval.toMillis()) + 1, TimeUnit.MILLISECONDS)) {
                    return WaitOutcome.TIMEOUT;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return WaitOutcome.TIMEOUT;
            }
        }
        return WaitOutcome.TIMEOUT;
    }

    void close() {
        closed.countDown();
    }
}
