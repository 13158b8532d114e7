package dev.postline.core.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * Mail that could not be ingested: kept with its raw bytes and the reason, for an admin to see or reprocess.
 * A message the provider could never deliver ({@link #unfetchable()}) has no raw bytes: only its provider id
 * and the reason are known.
 */
@MappedEntity("quarantine")
public record QuarantinedMail(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        @Nullable String providerId,
        String reason,
        @Nullable String rawBlob,
        long rawSize,
        Status status,
        Instant createdAt) {

    public enum Status {
        NEW,
        REPROCESSED
    }

    /** Recorded without content: the provider failed every attempt to deliver it. */
    public boolean unfetchable() {
        return rawBlob == null;
    }

    public QuarantinedMail withStatus(Status newStatus) {
        return new QuarantinedMail(id, tenantId, touchpointId, providerId, reason, rawBlob, rawSize, newStatus, createdAt);
    }
}
