package dev.postline.core.ingest;

import dev.postline.connectors.api.UnfetchableItem;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.sync.SyncState;
import dev.postline.core.sync.SyncStateRepository;
import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages the provider cannot deliver on their own (a corrupt file on an IMAP server, a download that
 * fails with a server error every time). Each failed attempt is counted on the sync state, durably; after
 * the allowed number in a row the message is recorded in the quarantine — provider id and reason, no
 * content, for we never had it — and the cursor moves past it in the same transaction. One broken message
 * never blocks the mail behind it, and none is skipped without a trace.
 */
@Singleton
public class UnfetchableMail {

    private static final Logger LOG = LoggerFactory.getLogger(UnfetchableMail.class);

    /** What the caller does next. */
    public enum Verdict {
        /** Counted; fetch it again later. */
        RETRY_LATER,
        /** Recorded in the quarantine, cursor moved past it: go on with the next message. */
        GIVEN_UP
    }

    private final SyncStateRepository states;
    private final Quarantine quarantine;
    private final SyncCursorWriter cursors;
    private final TenantTransactions tx;
    private final Clock clock;

    public UnfetchableMail(SyncStateRepository states, Quarantine quarantine, SyncCursorWriter cursors,
                           TenantTransactions tx, Clock clock) {
        this.states = states;
        this.quarantine = quarantine;
        this.cursors = cursors;
        this.tx = tx;
        this.clock = clock;
    }

    public Verdict failed(TenantId tenant, UUID touchpointId, UnfetchableItem item, int maxAttempts) {
        return tx.write(tenant, () -> {
            SyncState state = states.findByTenantIdAndTouchpointIdAndFolder(tenant.value(), touchpointId, SyncCursorWriter.DEFAULT_FOLDER)
                    .orElseThrow(() -> new IllegalStateException("no sync state for touchpoint " + touchpointId));
            SyncState counted = state.withFailedAttempt(item.providerId(), attemptText(item, state, maxAttempts), clock.instant());
            if (counted.failingAttempts() < maxAttempts) {
                states.update(counted);
                LOG.info("Message {} of touchpoint {}/{} failed to fetch on its own (attempt {} of {}): {}",
                        item.providerId(), tenant, touchpointId, counted.failingAttempts(), maxAttempts, item.reason());
                return Verdict.RETRY_LATER;
            }
            if (!quarantine.knowsProviderId(tenant, touchpointId, item.providerId())) {
                quarantine.holdUnfetchable(tenant, touchpointId, item.providerId(), "could not be fetched from the mail server ("
                        + maxAttempts + (maxAttempts == 1 ? " attempt" : " attempts") + "): " + item.reason());
            }
            cursors.advance(tenant, touchpointId, item.cursorAfter().serialize(), 0);
            LOG.warn("Message {} of touchpoint {}/{} failed to fetch {} times; recorded as unfetchable in the quarantine, sync goes on",
                    item.providerId(), tenant, touchpointId, maxAttempts);
            return Verdict.GIVEN_UP;
        });
    }

    private static String attemptText(UnfetchableItem item, SyncState state, int maxAttempts) {
        int attempt = item.providerId().equals(state.failingItem()) ? state.failingAttempts() + 1 : 1;
        return "message " + item.providerId() + " could not be fetched (attempt " + attempt + " of " + maxAttempts
                + "; tried again shortly, then recorded in the quarantine): " + item.reason();
    }
}
