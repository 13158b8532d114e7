package dev.postline.core.outbound;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One message waiting to be sent (or sent, or given up on). {@code recipients} is the envelope
 * (to, cc and bcc), newline-separated; bcc never appears in the message itself.
 *
 * <p>{@code leaseUntil}: while SENDING, the row belongs to the sender that claimed it until then; a
 * later lease means a dead sender. {@code inFlight}: committed right before the message was handed to
 * the provider, so after a crash only such rows may have gone out. {@code checkSent}: the row was
 * taken back in flight from a dead sender: its delivery is uncertain and is checked (or, where the
 * connector cannot check, resent or held as {@link Status#DELIVERY_UNKNOWN}) before anything is sent.
 */
@MappedEntity("outbox")
public record OutboxEntry(
        @Id UUID id,
        UUID tenantId,
        UUID messageId,
        UUID touchpointId,
        String envelopeFrom,
        String recipients,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String lastError,
        @Nullable String providerId,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant leaseUntil,
        boolean checkSent,
        boolean inFlight) {

    @Creator
    public OutboxEntry {
    }

    /** A new entry, not claimed and not in doubt. */
    public OutboxEntry(UUID id, UUID tenantId, UUID messageId, UUID touchpointId, String envelopeFrom, String recipients,
                       Status status, int attempts, Instant nextAttemptAt, @Nullable String lastError, @Nullable String providerId,
                       Instant createdAt, Instant updatedAt) {
        this(id, tenantId, messageId, touchpointId, envelopeFrom, recipients, status, attempts, nextAttemptAt, lastError,
                providerId, createdAt, updatedAt, null, false, false);
    }

    public enum Status {
        QUEUED,
        SENDING,
        SENT,
        FAILED,
        /** Interrupted after it may have gone out, and the connector cannot check: an agent confirms or sends again. */
        DELIVERY_UNKNOWN
    }

    /** The entry after an attempt: the lease is given up; a row still in doubt stays in doubt. */
    OutboxEntry with(Status newStatus, int newAttempts, Instant next, @Nullable String error, @Nullable String provider, Instant at) {
        return new OutboxEntry(id, tenantId, messageId, touchpointId, envelopeFrom, recipients, newStatus, newAttempts, next, error,
                provider, createdAt, at, null, checkSent && newStatus == Status.QUEUED, false);
    }
}
