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
 *
 * <p>{@code duplicates} counts mail suppressed because the same message (same Message-ID and content)
 * was stored already. {@code failingItem} is the provider id of the message right after the cursor that
 * failed to fetch on its own, {@code failingAttempts} how often in a row: durable, so the count survives
 * restarts; both are cleared whenever the cursor moves.
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
        Instant updatedAt,
        long duplicates,
        @Nullable String failingItem,
        int failingAttempts) {

    /** A new state at {@code cursor}. */
    public static SyncState start(UUID tenantId, UUID touchpointId, String folder, String cursor, @Nullable String error,
                                  Instant at) {
        return new SyncState(UUID.randomUUID(), tenantId, touchpointId, folder, cursor, 0, null, null, error, at, 0, null, 0);
    }

    public SyncState advancedTo(String cursor, long addFetched, Instant at) {
        return new SyncState(id, tenantId, touchpointId, folder, cursor, fetched + addFetched, remaining, at, null, at,
                duplicates, null, 0);
    }

    /** A sync round that ended well: the last error no longer describes the touchpoint. */
    public SyncState succeeded(Instant at) {
        return new SyncState(id, tenantId, touchpointId, folder, cursorValue, fetched, remaining, at, null, at,
                duplicates, failingItem, failingAttempts);
    }

    public SyncState failed(String error, Instant at) {
        return new SyncState(id, tenantId, touchpointId, folder, cursorValue, fetched, remaining, lastSuccessAt, error, at,
                duplicates, failingItem, failingAttempts);
    }

    public SyncState withRemaining(@Nullable Long newRemaining) {
        return new SyncState(id, tenantId, touchpointId, folder, cursorValue, fetched, newRemaining, lastSuccessAt, lastError,
                updatedAt, duplicates, failingItem, failingAttempts);
    }

    /** One more duplicate suppressed. */
    public SyncState withDuplicate() {
        return new SyncState(id, tenantId, touchpointId, folder, cursorValue, fetched, remaining, lastSuccessAt, lastError,
                updatedAt, duplicates + 1, failingItem, failingAttempts);
    }

    /** {@code providerId} failed once more on its own; a different item starts counting at one. */
    public SyncState withFailedAttempt(String providerId, String error, Instant at) {
        int attempts = providerId.equals(failingItem) ? failingAttempts + 1 : 1;
        return new SyncState(id, tenantId, touchpointId, folder, cursorValue, fetched, remaining, lastSuccessAt, error, at,
                duplicates, providerId, attempts);
    }
}
