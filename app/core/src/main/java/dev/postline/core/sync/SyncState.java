package dev.postline.core.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a touchpoint's sync stands in one folder. {@code cursorValue} is a serialized
 * {@code SyncCursor} (empty before the first successful connect); it is only ever written in the
 * transaction that stores the mail before it.
 */
@MappedEntity("sync_state")
public record SyncState(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        String folder,
        String cursorValue,
        long fetched,
        @Nullable Long remaining,
        @Nullable Instant lastSuccessAt,
        @Nullable String lastError,
        Instant updatedAt) {

    public SyncState advancedTo(String cursor, long addFetched, Instant at) {
        return new SyncState(id, tenantId, touchpointId, folder, cursor, fetched + addFetched, remaining, at, null, at);
    }

    /** A sync round that ended well: the last error no longer describes the touchpoint. */
    public SyncState succeeded(Instant at) {
        return new SyncState(id, tenantId, touchpointId, folder, cursorValue, fetched, remaining, at, null, at);
    }

    public SyncState failed(String error, Instant at) {
        return new SyncState(id, tenantId, touchpointId, folder, cursorValue, fetched, remaining, lastSuccessAt, error, at);
    }

    public SyncState withRemaining(@Nullable Long newRemaining) {
        return new SyncState(id, tenantId, touchpointId, folder, cursorValue, fetched, newRemaining, lastSuccessAt, lastError, updatedAt);
    }
}
