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
 *
 * <p>Requests it leaves out (each {@code history.list} costs 2 quota units): no poll when the pause ends at
 * the deadline (the caller fetches next, which asks the same question), and, once this session has been
 * hinted at least once (push evidently reaches it), no poll at the start of a wait that follows a fetch
 * which read the history to its end: that fetch just asked, and a push for mail that arrived since is kept
 * by the pause and ends the wait at once. Without push the first poll stays, so mail that arrived while the
 * previous batch was ingested is seen at once, not one interval later.
 */
final class ChangePoller {

    private final HistoryFetcher history;
    private final Duration interval;
    private final Clock clock;
    private final PollPause pause = new PollPause();
    private volatile boolean hinted;

    ChangePoller(HistoryFetcher history, Duration interval, Clock clock) {
        this.history = history;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Waits until mail arrived after {@code since}, a hint came, or {@code deadline}. {@code fetchedToEnd}: the
     * session's last fetch ended at {@code since} with nothing more.
     */
    WaitOutcome await(GmailCursor since, Instant deadline, boolean fetchedToEnd) throws ConnectorException {
        if (since.listing() != null) {
            return WaitOutcome.CHANGED; // a full sync is under way: there is work without asking
        }
        boolean pollNow = !(hinted && fetchedToEnd);
        if (pollNow) {
            pause.forgetHint(); // the first poll below sees whatever an earlier hint was about
        }
        while (!pause.isClosed()) {
            if (pollNow) {
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
            }
            pollNow = true; // skipped at most once: the fetch before this wait had just asked
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
            if (end == PollPause.End.CLOSED || !clock.instant().isBefore(deadline)) {
                return WaitOutcome.TIMEOUT; // at the deadline the caller fetches: a poll now would ask twice
            }
        }
        return WaitOutcome.TIMEOUT;
    }

    /** Any thread: the mailbox may have changed; a pending or the next {@link #await} returns {@code CHANGED}. */
    void hint() {
        hinted = true;
        pause.hint();
    }

    void close() {
        pause.close();
    }
}
