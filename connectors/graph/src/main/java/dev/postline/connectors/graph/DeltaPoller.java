package dev.postline.connectors.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.PollPause;
import dev.postline.connectors.api.WaitOutcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for mail by polling the delta link every poll interval (one small request per poll).
 *
 * <p>A poll that finds a finished round with nothing added gets a newer delta link back. The poller
 * polls from that newer link next time and lets {@link #current} hand it to {@code fetch} in place of
 * the caller's older, equivalent one: Exchange keeps only a bounded cache of delta tokens, and polling
 * the same old link again and again would push it out of that cache ({@code syncStateNotFound}).
 *
 * <p>A {@linkplain #hint() change hint} (a change notification) ends the pause between polls at once
 * with {@code CHANGED}; the caller then fetches through the delta link as always, so a hint never
 * decides what is fetched, only when.
 *
 * <p>Once this session has been hinted at least once (notifications evidently reach it), a wait right after
 * a fetch that read the delta to its end does not poll at once: that fetch just asked, and a notification
 * for mail that arrived since is kept by the pause and ends the wait at once. Without notifications the
 * first poll stays, so mail that arrived while the previous batch was ingested is seen at once.
 */
final class DeltaPoller implements AutoCloseable {

    private final DeltaFetcher fetcher;
    private final Duration interval;
    private final Clock clock;
    private final PollPause pause = new PollPause();
    private volatile boolean hinted;
    private URI polledFrom;
    private URI latest;

    DeltaPoller(DeltaFetcher fetcher, Duration interval, Clock clock) {
        this.fetcher = fetcher;
        this.interval = interval;
        this.clock = clock;
    }

    /** The newest link known to be equivalent to {@code position} (no mail added in between). */
    DeltaPosition current(DeltaPosition position) {
        return position.done().isEmpty() && position.link().equals(polledFrom)
                ? new DeltaPosition(latest, position.done()) : position;
    }

    /**
     * Waits until mail arrived after {@code since}, a hint came, or {@code deadline}. {@code fetchedToEnd}: the
     * session's last fetch ended at {@code since} with nothing more.
     */
    WaitOutcome await(DeltaPosition since, Instant deadline, boolean fetchedToEnd) throws ConnectorException {
        if (!since.done().isEmpty()) {
            return WaitOutcome.CHANGED; // a batch ended inside a page: the rest of that page is waiting
        }
        boolean pollNow = !(hinted && fetchedToEnd);
        if (pollNow) {
            pause.forgetHint(); // the first poll below sees whatever an earlier hint was about
        }
        URI link = current(since).link();
        while (!pause.isClosed()) {
            if (pollNow) {
                JsonNode page = fetcher.page(link, 1);
                if (!DeltaFetcher.freshIds(page, since).isEmpty() || !page.hasNonNull("@odata.deltaLink")) {
                    return WaitOutcome.CHANGED;
                }
                link = URI.create(fetcher.nextOf(page));
                polledFrom = since.link();
                latest = link;
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
                break;
            }
            if (end == PollPause.End.HINTED) {
                return WaitOutcome.CHANGED;
            }
            if (end == PollPause.End.CLOSED || !clock.instant().isBefore(deadline)) {
                return WaitOutcome.TIMEOUT;
            }
        }
        return WaitOutcome.TIMEOUT;
    }

    /** Any thread: the mailbox may have changed; a pending or the next {@link #await} returns {@code CHANGED}. */
    void hint() {
        hinted = true;
        pause.hint();
    }

    @Override
    public void close() {
        pause.close();
    }
}
