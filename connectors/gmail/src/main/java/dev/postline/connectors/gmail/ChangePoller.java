package dev.postline.connectors.gmail;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.GmailCursor;
import dev.postline.connectors.api.PollPause;
import dev.postline.connectors.api.WaitOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waiting for mail by polling {@code users.history.list} (one record is enough to know) every poll
 * interval. A {@linkplain #hint() change hint} — a Gmail push the server received through Cloud Pub/Sub —
 * ends the pause between polls at once with {@code CHANGED}; the caller then fetches through the history
 * cursor as always, so a push never decides what is fetched, only when, and the poll stays as
 * reconciliation for pushes that never come.
 */
final class ChangePoller {

    private final HistoryFetcher history;
    private final Duration interval;
    private final Clock clock;
    private final PollPause pause = new PollPause();

    ChangePoller(HistoryFetcher history, Duration interval, Clock clock) {
        this.history = history;
        this.interval = interval;
        this.clock = clock;
    }

    WaitOutcome await(GmailCursor since, Instant deadline) throws ConnectorException {
        if (since.listing() != null) {
            return WaitOutcome.CHANGED; // a full sync is under way: there is work without asking
        }
        pause.forgetHint(); // the first poll below sees whatever an earlier hint was about
        while (!pause.isClosed()) {
            try {
                if (HistoryFetcher.hasRecords(history.page(since.historyId(), 1))) {
                    return WaitOutcome.CHANGED;
                }
            } catch (ConnectorException e) {
                if (pause.isClosed()) {
                    return WaitOutcome.TIMEOUT; // close() cut the request short
                }
                throw e;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return WaitOutcome.TIMEOUT;
            }
            PollPause.End end;
            try {
                end = pause.await(interval.compareTo(left) < 0 ? interval : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return WaitOutcome.TIMEOUT;
            }
            if (end == PollPause.End.HINTED) {
                return WaitOutcome.CHANGED;
            }
            if (end == PollPause.End.CLOSED) {
                return WaitOutcome.TIMEOUT;
            }
        }
        return WaitOutcome.TIMEOUT;
    }

    /** Any thread: the mailbox may have changed; a pending or the next {@link #await} returns {@code CHANGED}. */
    void hint() {
        pause.hint();
    }

    void close() {
        pause.close();
    }
}
