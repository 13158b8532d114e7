package dev.postline.core.sync;

import dev.postline.connectors.api.SyncCursor;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.ingest.SyncCursorWriter;
import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Loads and initialises where a touchpoint's sync stands; records failures for the status view. */
@Singleton
public class SyncStates {

    static final Duration SUCCESS_RECORD_INTERVAL = Duration.ofMinutes(1);

    private final SyncStateRepository states;
    private final SyncCursorWriter writer;
    private final TenantTransactions tx;
    private final Clock clock;

    public SyncStates(SyncStateRepository states, SyncCursorWriter writer, TenantTransactions tx, Clock clock) {
        this.states = states;
        this.writer = writer;
        this.tx = tx;
        this.clock = clock;
    }

    public Optional<SyncState> find(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> states.findByTenantIdAndTouchpointIdAndFolder(tenant.value(), touchpointId,
                SyncCursorWriter.DEFAULT_FOLDER));
    }

    /** The stored cursor, or a new one from {@code initial} stored now (first sync of the touchpoint). */
    public SyncCursor cursorOrStart(TenantId tenant, UUID touchpointId, Supplier<SyncCursor> initial) {
        Optional<SyncState> stored = find(tenant, touchpointId);
        if (stored.isPresent() && !stored.get().cursorValue().isEmpty()) {
            return SyncCursor.parse(stored.get().cursorValue());
        }
        SyncCursor start = initial.get();
        tx.write(tenant, () -> {
            if (stored.isPresent()) {
                states.update(stored.get().advancedTo(start.serialize(), 0, clock.instant()));
            } else {
                states.save(SyncState.start(tenant.value(), touchpointId, SyncCursorWriter.DEFAULT_FOLDER, start.serialize(),
                        null, clock.instant()));
            }
        });
        return start;
    }

    /** Replaces the cursor outright: a resync after the provider invalidated the old one. */
    public void restart(TenantId tenant, UUID touchpointId, SyncCursor cursor) {
        tx.write(tenant, () -> writer.advance(tenant, touchpointId, cursor.serialize(), 0));
    }

    /** Moves past messages a connector skipped on purpose (e.g. a header filter): nothing to store. */
    public void skipTo(TenantId tenant, UUID touchpointId, SyncCursor cursor) {
        tx.write(tenant, () -> writer.advance(tenant, touchpointId, cursor.serialize(), 0));
    }

    /** Records what the provider says is still waiting (progress of an initial import). */
    public void remaining(TenantId tenant, UUID touchpointId, long remaining) {
        tx.write(tenant, () -> states.findByTenantIdAndTouchpointIdAndFolder(tenant.value(), touchpointId, SyncCursorWriter.DEFAULT_FOLDER)
                .filter(s -> s.remaining() == null || s.remaining() != remaining)
                .ifPresent(s -> states.update(s.withRemaining(remaining))));
    }

    /**
     * Records a sync round that ended well (also when no mail came): clears the last error at once and
     * moves "last successful sync", at most once a minute when nothing else changed (an idle mailbox
     * would otherwise write on every wake-up).
     */
    public void succeeded(TenantId tenant, UUID touchpointId) {
        Instant now = clock.instant();
        tx.write(tenant, () -> states.findByTenantIdAndTouchpointIdAndFolder(tenant.value(), touchpointId, SyncCursorWriter.DEFAULT_FOLDER)
                .filter(s -> s.lastError() != null || s.lastSuccessAt() == null
                        || s.lastSuccessAt().isBefore(now.minus(SUCCESS_RECORD_INTERVAL)))
                .ifPresent(s -> states.update(s.succeeded(now))));
    }

    /**
     * Records why the last attempt failed, shown to admins. A touchpoint that never got as far as a
     * first cursor (wrong password on the first login) gets a state without a cursor ({@code ""}).
     */
    public void failed(TenantId tenant, UUID touchpointId, String error) {
        String safe = error.length() > 1000 ? error.substring(0, 1000) : error;
        tx.write(tenant, () -> states.findByTenantIdAndTouchpointIdAndFolder(tenant.value(), touchpointId, SyncCursorWriter.DEFAULT_FOLDER)
                .ifPresentOrElse(s -> states.update(s.failed(safe, clock.instant())),
                        () -> states.save(SyncState.start(tenant.value(), touchpointId, SyncCursorWriter.DEFAULT_FOLDER, "",
                                safe, clock.instant()))));
    }
}
