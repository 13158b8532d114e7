package dev.postline.core.outbound;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One message waiting to be sent (or sent, or given up on). {@code recipients} is the envelope
 * (to, cc and bcc), newline-separated; bcc never appears in the message itself.
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
        Instant updatedAt) {

    public enum Status {
        QUEUED,
        SENDING,
        SENT,
        FAILED
    }

    OutboxEntry with(Status newStatus, int newAttempts, Instant next, @Nullable String error, @Nullable String provider, Instant at) {
        return new OutboxEntry(id, tenantId, messageId, touchpointId, envelopeFrom, recipients, newStatus, newAttempts, next, error,
                provider, createdAt, at);
    }
}
