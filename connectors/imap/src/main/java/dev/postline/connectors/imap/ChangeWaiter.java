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
 */
final class ChangeWaiter {

    static final Duration MAX_IDLE = Duration.ofMinutes(25);

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
        IMAPFolder folder = connection.openFolder(false);
        try {
            if (fetcher.hasMessagesAfter(folder, cursor)) {
                return true;
            }
            Instant until = min(deadline, clock.instant().plus(settings.useIdle() ? MAX_IDLE : settings.pollInterval()));
            if (settings.useIdle() && connection.hasCapability("IDLE")) {
                idle(folder, until);
            } else {
                pause(until);
            }
            return fetcher.hasMessagesAfter(folder, cursor);
        } finally {
            ImapConnection.closeQuietly(folder);
        }
    }

    private void idle(IMAPFolder folder, Instant until) throws ConnectorException {
        CompletableFuture<Void> done = new CompletableFuture<>();
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
            done.get(Math.max(0, Duration.between(clock.instant(), until).toMillis()), TimeUnit.MILLISECONDS);
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

    /** Any command ends the IDLE (Angus sends DONE first); a NOOP doubles as the liveness check. */
    private void endIdleWithNoop(IMAPFolder folder, CompletableFuture<Void> done) throws ConnectorException {
        try {
            folder.doCommand(p -> {
                p.simpleCommand("NOOP", null);
                return null;
            });
            done.get(settings.readTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (MessagingException e) {
            throw connection.failures().classify("waiting for mail", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectorException(FailureKind.NETWORK, "the IMAP server stopped answering during IDLE", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureKind.NETWORK, "interrupted while waiting for mail");
        }
    }

    private ConnectorException asConnectorException(Throwable cause) {
        return cause instanceof MessagingException m
                ? connection.failures().classify("waiting for mail", m)
                : new ConnectorException(FailureKind.NETWORK, "IDLE failed unexpectedly", cause);
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
