package dev.postline.core.ingest;

import dev.postline.core.sync.SyncState;
import dev.postline.core.sync.SyncStateRepository;
import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/**
 * Moves a touchpoint's cursor. Called only inside the transaction that stored (or deliberately
 * passed over) the mail before the new position: the cursor never gets ahead of durable mail.
 */
@Singleton
public class SyncCursorWriter {

    public static final String DEFAULT_FOLDER = "INBOX";

    private final SyncStateRepository states;
    private final Clock clock;

    public SyncCursorWriter(SyncStateRepository states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    public void advance(TenantId tenant, UUID touchpointId, String cursor, int fetched) {
        SyncState state = states.findByTenantIdAndTouchpointIdAndFolder(tenant.value(), touchpointId, DEFAULT_FOLDER)
                .orElseThrow(() -> new IllegalStateException("no sync state for touchpoint " + touchpointId));
        states.update(state.advancedTo(cursor, fetched, clock.instant()));
    }
}
