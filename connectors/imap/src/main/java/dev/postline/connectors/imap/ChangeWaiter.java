package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.ImapCursor;
import dev.postline.connectors.api.WaitOutcome;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Waits for new mail: IDLE on a virtual thread when the server offers it, polling otherwise.
 *
 * <p>An IDLE is ended after at most 25 minutes (servers may drop it at 30, RFC 2177) by issuing a
 * NOOP, which also proves the connection is alive; a dead connection fails that NOOP within the read
 * timeout and is reopened with backoff until the deadline.
 *
 * <p>IDLE runs on the session's one connection, with the folder that fetches use kept selected: a
 * wake-up costs no new connection or login (see {@link ImapConnection}).
 *
 * <p>No arrival is missed around the start of IDLE. Each cycle checks that the selection is still the
 * cursor's mailbox (STATUS), checks for mail after the cursor (UID SEARCH), then IDLEs; an
 * {@link ArrivalWatch} on the connection sees every EXISTS that grows the mailbox from the check on. A message arriving between the check and IDLE
 * is reported by the server either as a notification during IDLE (Dovecot: after "+ idling"),
 * which ends {@link IMAPFolder#idle(boolean)}, or just before the IDLE continuation (GreenMail),
 * which Angus handles while starting IDLE and then keeps waiting for the next change: the watch
 * sees it and the IDLE is ended at once. A message that arrived before the check but is missing
 * from its result, with its EXISTS coming in the same response (Dovecot searches the view it had
 * before syncing), makes the check inconclusive: the wait re-checks instead of waiting.
 *
 * <p>This relies on the server reporting, at the latest while IDLE runs, any new message it has not
 * yet reported to this session (RFC 3501 7.3.1, RFC 2177). A server that only announces messages
 * arriving after IDLE began would leave a message that lands between the check and IDLE unseen
 * until the IDLE cycle ends: bounded by the caller's deadline and {@link #MAX_IDLE}.
 */
final class ChangeWaiter {

    static final Duration MAX_IDLE = Duration.ofMinutes(25);
    /** How long a NOOP that should have ended the IDLE waits for it before it is sent again. */
    private static final Duration NOOP_REPEAT = Duration.ofMillis(250);

    private final ImapConnection connection;
    private final ImapFetcher fetcher;
    private final ImapSettings settings;
    private final Clock clock;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile IMAPFolder idling;

    ChangeWaiter(ImapConnection connection, ImapFetcher fetcher, ImapSettings settings, Clock clock) {
        this.connection = connection;
        this.fetcher = fetcher;
        this.settings = settings;
        this.clock = clock;
    }

    WaitOutcome await(ImapCursor cursor, Instant deadline) throws ConnectorException {
        Backoff backoff = new Backoff();
        ConnectorException lastFailure = null;
        while (!isClosed() && !Thread.currentThread().isInterrupted()) {
            try {
                if (waitOnce(cursor, deadline)) {
                    return WaitOutcome.CHANGED;
                }
                backoff.reset();
                lastFailure = null;
            } catch (ConnectorException e) {
                if (isClosed()) {
                    return WaitOutcome.TIMEOUT; // close() from another thread: not a failure
                }
                if (e.kind() != FailureKind.NETWORK) {
                    throw e;
                }
                lastFailure = e;
                pause(min(deadline, clock.instant().plus(backoff.next())));
            }
            if (!clock.instant().isBefore(deadline)) {
                // Still failing at the deadline: the caller must learn the connection is down.
                if (lastFailure != null) {
                    throw lastFailure;
                }
                return WaitOutcome.TIMEOUT;
            }
        }
        return WaitOutcome.TIMEOUT;
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** One IDLE cycle or poll interval; true when mail after the cursor is there. */
    private boolean waitOnce(ImapCursor cursor, Instant deadline) throws ConnectorException {
        IMAPFolder folder = fetcher.selectionFor(cursor);
        try (ArrivalWatch arrivals = watch(folder)) {
            if (fetcher.hasMessagesAfter(folder, cursor)) {
                return true;
            }
            // An EXISTS that came with the check's own response: re-check rather than wait.
            if (!arrivals.seen()) {
                Instant until = min(deadline, clock.instant().plus(settings.useIdle() ? MAX_IDLE : settings.pollInterval()));
                if (settings.useIdle() && connection.hasCapability("IDLE")) {
                    idle(folder, until, arrivals.arrived());
                } else {
                    pause(until);
                }
            }
            if (isClosed()) {
                return false; // the session is closing: no more commands on its connection
            }
            return fetcher.hasMessagesAfter(folder, cursor);
        }
    }

    private ArrivalWatch watch(IMAPFolder folder) throws ConnectorException {
        try {
            return ArrivalWatch.on(folder);
        } catch (MessagingException e) {
            throw connection.failure("waiting for mail", e);
        }
    }

    /**
     * IDLEs until {@code until}, a notification, or an arrival seen while IDLE was starting (which
     * Angus' idle() does not return for).
     */
    private void idle(IMAPFolder folder, Instant until, CompletableFuture<Void> arrived) throws ConnectorException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        until = betweenReadTimeouts(clock.instant(), until, settings.readTimeout());
        idling = folder;
        Thread.ofVirtual().name("imap-idle").start(() -> {
            try {
                folder.idle(true);
                done.complete(null);
            } catch (MessagingException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            CompletableFuture.anyOf(done, arrived)
                    .get(Math.max(0, Duration.between(clock.instant(), until).toMillis()), TimeUnit.MILLISECONDS);
            if (!done.isDone()) {
                endIdleWithNoop(folder, done);
            }
            done.get(); // done by now: rethrows the IDLE's failure, if any
        } catch (TimeoutException e) {
            endIdleWithNoop(folder, done);
        } catch (ExecutionException e) {
            throw asConnectorException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureKind.NETWORK, "interrupted while waiting for mail");
        } finally {
            idling = null;
        }
    }

    /**
     * When to end an IDLE that starts now and may last until {@code until}: midway between two of the
     * IDLE reader's read timeouts when {@code until} is close to one of them.
     *
     * <p>Angus reads IDLE responses with the connection's read timeout. Each timeout is ignored while
     * IDLE runs, and a new read starts, so the reader wakes at every multiple of the timeout after IDLE
     * began. Once DONE is sent, a timeout is taken for a dead connection and the connection is closed —
     * so a DONE sent just before such a wake-up, and answered a little after it, costs the connection.
     * Deadlines are often whole multiples of the timeout (the 1-minute reconcile round and 25-minute
     * IDLE against the 5-second default), which put every deadline-ended IDLE at that instant: under load,
     * when the server takes more than a few milliseconds to answer DONE, each such cycle ended with a
     * reconnect and a new login. Ending a little earlier instead (at most three quarters of a timeout)
     * leaves the server half a timeout to answer; {@link #await} then waits out the rest of the deadline
     * in a short IDLE of its own.
     */
    static Instant betweenReadTimeouts(Instant start, Instant until, Duration readTimeout) {
        long total = Duration.between(start, until).toMillis();
        long period = readTimeout.toMillis();
        if (period <= 0 || total < period / 2) {
            return until; // ends before the first wake-up, at least half a timeout ahead of it
        }
        long phase = total % period;
        if (phase >= period / 4 && phase <= period - period / 4) {
            return until; // already well between two wake-ups
        }
        long halves = (total - period / 2) / period; // the last midpoint not after until
        return start.plusMillis(halves * period + period / 2);
    }

    /**
     * Any command ends the IDLE (Angus sends DONE first); a NOOP doubles as the liveness check. The
     * IDLE thread may not have sent IDLE yet (a short wait, or a busy machine): then the NOOP runs first
     * and the IDLE starts after it, so the NOOP is repeated until the IDLE thread is done, within the
     * read timeout and a second. (A server that does not answer DONE makes Angus close the connection
     * at its read timeout; the NOOP then fails as a lost connection.)
     */
    private void endIdleWithNoop(IMAPFolder folder, CompletableFuture<Void> done) throws ConnectorException {
        Instant giveUp = clock.instant().plus(settings.readTimeout()).plusSeconds(1);
        try {
            while (true) {
                SelectedFolder.command(folder, p -> {
                    p.simpleCommand("NOOP", null);
                    return null;
                });
                try {
                    done.get(NOOP_REPEAT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException e) {
                    if (!clock.instant().isBefore(giveUp)) {
                        throw e;
                    }
                }
            }
        } catch (MessagingException e) {
            throw connection.failure("waiting for mail", e);
        } catch (ExecutionException | TimeoutException e) {
            connection.discard();
            throw new ConnectorException(FailureKind.NETWORK, "the IMAP server stopped answering during IDLE", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureKind.NETWORK, "interrupted while waiting for mail");
        }
    }

    private ConnectorException asConnectorException(Throwable cause) {
        if (cause instanceof MessagingException m) {
            return connection.failure("waiting for mail", m);
        }
        connection.discard();
        return new ConnectorException(FailureKind.NETWORK, "IDLE failed unexpectedly", cause);
    }

    /** Sleeps until {@code until}, or less when the session is closed meanwhile. */
    private void pause(Instant until) {
        try {
            closed.await(Math.max(0, Duration.between(clock.instant(), until).toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends a pending wait from another thread. */
    void close() {
        closed.countDown();
        IMAPFolder folder = idling;
        if (folder != null) {
            try {
                folder.forceClose();
            } catch (MessagingException | RuntimeException e) {
                // already gone
            }
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
