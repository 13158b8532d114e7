package dev.postline.core.sync;

import dev.postline.connectors.api.ChangeHints;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.UnfetchableItem;
import dev.postline.core.db.DatabaseUnavailable;
import dev.postline.core.ingest.InboundMail;
import dev.postline.core.ingest.IngestionPipeline;
import dev.postline.core.ingest.UnfetchableMail;
import dev.postline.core.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync loop of one touchpoint, on its own virtual thread: fetch a batch from the stored
 * cursor, ingest it (one transaction stores the batch's mail and moves the cursor past it; see
 * {@link IngestionPipeline#ingestBatch}), then wait for changes — IDLE, push or poll — at most the reconcile interval.
 * Failures are handled by kind: revoked authorization stops the loop, throttling waits as told,
 * an invalidated cursor restarts from a bounded window, anything else backs off with jitter.
 *
 * <p>A batch that fails with a network or permanent failure is fetched again message by message, so a
 * single message the provider cannot serve is found: it is tried again after a pause (not a connection
 * failure: the touchpoint stays connected) and, after {@code maxFetchAttempts} failures in a row, recorded
 * in the quarantine as unfetchable while the cursor moves past it ({@link UnfetchableMail}).
 */
final class TouchpointSync implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TouchpointSync.class);

    /** What the loop needs from outside, gathered so the constructor stays readable. */
    record Dependencies(IngestionPipeline pipeline, SyncStates states, SyncReporter reporter, SyncSettings settings,
                        Semaphore connectPermits, Clock clock, UnfetchableMail unfetchable) {}

    private final TenantId tenant;
    private final UUID touchpointId;
    private final Supplier<ConnectorSession> sessions;
    private final InitialSync initialSync;
    private final Dependencies deps;
    private final Backoff backoff;
    private volatile boolean stopped;
    private volatile ConnectorSession current;
    // Wakes a backoff sleep on stop. Interrupts are avoided on purpose: on a virtual thread they
    // close a blocking socket, which could be the database connection in the middle of a commit.
    private final java.util.concurrent.CountDownLatch stopSignal = new java.util.concurrent.CountDownLatch(1);

    TouchpointSync(TenantId tenant, UUID touchpointId, Supplier<ConnectorSession> sessions, InitialSync initialSync,
                   Dependencies deps) {
        this.tenant = tenant;
        this.touchpointId = touchpointId;
        this.sessions = sessions;
        this.initialSync = initialSync;
        this.deps = deps;
        this.backoff = new Backoff(deps.settings().getMaxBackoff(), deps.settings().getNetworkMaxBackoff(), deps.clock(),
                java.util.random.RandomGenerator.getDefault());
    }

    TenantId tenant() {
        return tenant;
    }

    /**
     * Any thread: the mailbox may have changed. A session that can take hints ends its wait (or skips
     * the next one's pause); without a session right now the next one starts with a fetch anyway.
     */
    void hint() {
        if (current instanceof ChangeHints hints) {
            hints.changeHinted();
        }
    }

    void stop() {
        stopped = true;
        stopSignal.countDown();
        ConnectorSession session = current;
        if (session != null) {
            session.close(); // ends a pending wait
        }
    }

    @Override
    public void run() {
        // A loop restarted (edit, server restart) during an outage still knows the touchpoint was healthy.
        deps.states().find(tenant, touchpointId).map(SyncState::lastSuccessAt).ifPresent(backoff::succeededAt);
        while (!stopped) {
            try {
                connectAndSync();
            } catch (ConnectorException e) {
                if (!handle(e)) {
                    return;
                }
            } catch (MessageRetryLater e) {
                // One message failed on its own; the provider answers. A pause, not a connection failure.
                sleep(backoff.next(FailureKind.NETWORK)); // the provider answers: the short (network) cap applies
            } catch (InitialCursorFailure e) {
                if (!handle((ConnectorException) e.getCause())) {
                    return;
                }
            } catch (RuntimeException e) {
                if (DatabaseUnavailable.is(e)) {
                    // Our database, not the mailbox: nothing is counted against the touchpoint's connection.
                    Duration wait = backoff.next(FailureKind.NETWORK);
                    LOG.warn("Sync of {}/{} paused: the database is unavailable ({}); retrying in {} s", tenant, touchpointId,
                            e.toString(), wait.toSeconds());
                    sleep(wait);
                    continue;
                }
                LOG.error("Sync of {}/{} failed unexpectedly; retrying with backoff", tenant, touchpointId, e);
                deps.reporter().failed(tenant, touchpointId, "internal error; see the server log", FailureKind.NETWORK);
                sleep(backoff.next(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void connectAndSync() throws ConnectorException, InterruptedException {
        ConnectorSession session = sessions.get(); // connects lazily: no I/O yet
        current = session;
        try (session) {
            // The permit covers the login and the first drain (an initial import can be long), so
            // that a thousand touchpoints starting together do not hammer one provider.
            deps.connectPermits().acquire();
            SyncCursor cursor;
            try {
                if (stopped) {
                    return;
                }
                cursor = deps.states().cursorOrStart(tenant, touchpointId, () -> initialCursor(session, initialSync));
                cursor = drain(session, cursor);
            } finally {
                deps.connectPermits().release();
            }
            while (!stopped) {
                deps.reporter().synced(tenant, touchpointId);
                backoff.succeeded();
                Instant deadline = deps.clock().instant().plus(deps.settings().getReconcileInterval());
                session.awaitChanges(cursor, deadline);
                if (!stopped) {
                    cursor = drain(session, cursor);
                }
            }
        } finally {
            current = null;
        }
    }

    /**
     * Fetches and ingests until the mailbox has nothing more after the cursor; returns the new cursor.
     * Pipelined: while batch n commits ({@link BatchCommitter}), batch n+1 is fetched and prepared from
     * the cursor batch n will have committed. Should a commit fail, its failure ends this drain and the
     * loop starts again from the cursor in the database; nothing prepared after it is committed.
     */
    private SyncCursor drain(ConnectorSession session, SyncCursor cursor) throws ConnectorException, InterruptedException {
        BatchCommitter committer = new BatchCommitter("ingest-commit-" + touchpointId);
        boolean more;
        try {
            do {
                try {
                    FetchBatch batch = session.fetch(cursor, deps.settings().getBatchSize(), deps.settings().getBatchBytes());
                    if (stopped) {
                        break;
                    }
                    IngestionPipeline.PreparedBatch prepared = deps.pipeline().prepare(tenant, mails(batch));
                    SyncCursor from = cursor;
                    committer.submit(() -> commit(batch, prepared, from));
                    cursor = batch.next();
                    more = batch.more();
                } catch (ConnectorException e) {
                    if (e.kind() != FailureKind.NETWORK && e.kind() != FailureKind.PERMANENT) {
                        throw e;
                    }
                    LOG.info("Batch fetch of {}/{} failed ({}); fetching its messages one by one", tenant, touchpointId, e.getMessage());
                    committer.await();
                    cursor = oneByOne(session, cursor);
                    more = true;
                }
            } while (more && !stopped);
        } finally {
            committer.await();
        }
        return cursor;
    }

    /**
     * Up to a batch of messages, each fetched on its own. A failure of the provider as a whole is thrown
     * by the connector as usual; a message that fails on its own is counted, and skipped once it has
     * failed often enough.
     */
    private SyncCursor oneByOne(ConnectorSession session, SyncCursor cursor) throws ConnectorException {
        for (int i = 0; i < deps.settings().getBatchSize() && !stopped; i++) {
            FetchBatch single = session.fetchAlone(cursor);
            cursor = take(single, cursor);
            if (single.unfetchable().isPresent()) {
                UnfetchableItem item = single.unfetchable().get();
                if (deps.unfetchable().failed(tenant, touchpointId, item, deps.settings().getMaxFetchAttempts())
                        == UnfetchableMail.Verdict.RETRY_LATER) {
                    throw new MessageRetryLater();
                }
                cursor = item.cursorAfter();
            } else if (!single.more()) {
                break;
            }
        }
        return cursor;
    }

    /** Ingests a batch at once, in the caller's thread; returns where the cursor now stands. */
    private SyncCursor take(FetchBatch batch, SyncCursor cursor) {
        if (stopped) {
            return cursor;
        }
        commit(batch, deps.pipeline().prepare(tenant, mails(batch)), cursor);
        return batch.next();
    }

    /**
     * Stores a prepared batch: one transaction for its messages and the cursor after the last of them;
     * then, when the provider's next position lies beyond (messages it skipped), the cursor moves there.
     */
    private void commit(FetchBatch batch, IngestionPipeline.PreparedBatch prepared, SyncCursor from) {
        deps.pipeline().commit(tenant, touchpointId, prepared);
        SyncCursor reached = batch.messages().isEmpty() ? from : batch.messages().get(batch.messages().size() - 1).cursorAfter();
        if (!batch.next().equals(reached)) {
            deps.states().skipTo(tenant, touchpointId, batch.next());
        }
        if (batch.remaining().isPresent()) {
            deps.states().remaining(tenant, touchpointId, batch.remaining().getAsLong());
        }
    }

    private static List<InboundMail> mails(FetchBatch batch) {
        List<InboundMail> mails = new ArrayList<>(batch.messages().size());
        for (FetchedMessage message : batch.messages()) {
            mails.add(new InboundMail(message.providerId(), message.raw(), message.cursorAfter().serialize()));
        }
        return mails;
    }

    /** Decides what a failure means; returns false when the loop must stop. */
    private boolean handle(ConnectorException e) {
        String reason = e.getMessage(); // already reads "KIND: reason", safe to show
        deps.reporter().failed(tenant, touchpointId, reason, e.kind());
        switch (e.kind()) {
            case AUTH_REVOKED -> {
                LOG.warn("Sync of {}/{} stopped, authorization lost: {}", tenant, touchpointId, e.getMessage());
                deps.reporter().authorizationLost(tenant, touchpointId, reason);
                return false;
            }
            case THROTTLED -> {
                Duration wait = e.retryAfter().orElse(Duration.ofSeconds(30));
                LOG.info("Sync of {}/{} throttled ({}); waiting {} s", tenant, touchpointId, reason, wait.toSeconds());
                sleep(wait);
            }
            case CURSOR_INVALID -> {
                LOG.warn("Cursor of {}/{} invalidated ({}); resyncing the last {}", tenant, touchpointId, e.getMessage(),
                        deps.settings().getResyncWindow());
                resync();
            }
            default -> {
                Duration wait = backoff.next(e.kind());
                // The innermost cause's type tells an operator a read timeout from a reset or a BYE; its text
                // may quote the server, so only at DEBUG, with the whole chain.
                LOG.info("Sync of {}/{} failed ({}; innermost cause {}); retrying in {} s", tenant, touchpointId, reason,
                        innermostCauseType(e), wait.toSeconds());
                LOG.debug("Sync failure of {}/{} in full", tenant, touchpointId, e);
                sleep(wait);
            }
        }
        return !stopped;
    }

    private static String innermostCauseType(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    private void resync() {
        try (ConnectorSession session = sessions.get()) {
            Instant since = deps.clock().instant().minus(deps.settings().getResyncWindow());
            deps.states().restart(tenant, touchpointId, session.initialCursor(InitialSync.since(since)));
        } catch (ConnectorException e) {
            sleep(backoff.next(e.kind()));
        }
    }

    private static SyncCursor initialCursor(ConnectorSession session, InitialSync start) {
        try {
            return session.initialCursor(start);
        } catch (ConnectorException e) {
            throw new InitialCursorFailure(e);
        }
    }

    private void sleep(Duration duration) {
        try {
            stopSignal.await(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** A message failed on its own and is to be tried again after a pause; already counted and recorded. */
    static final class MessageRetryLater extends RuntimeException {
        MessageRetryLater() {
            super(null, null, false, false);
        }
    }

    /** Carries a connector failure out of the cursor supplier. */
    static final class InitialCursorFailure extends RuntimeException {
        InitialCursorFailure(ConnectorException cause) {
            super(cause);
        }
    }
}
