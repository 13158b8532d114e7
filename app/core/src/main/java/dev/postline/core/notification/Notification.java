package dev.postline.core.notification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * Something the platform told a tenant's admins. {@code title} and {@code detail} are plain,
 * safe text (no secret) that may contain tenant-supplied values: renderers escape them.
 * {@code dedupeKey} is unique per tenant, so a notice is written once per incident or period.
 */
@MappedEntity("notification")
public record Notification(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        NotificationKind kind,
        String title,
        String detail,
        String dedupeKey,
        Instant createdAt,
        @Nullable Instant readAt) {

    Notification readAt(Instant at) {
        return new Notification(id, tenantId, touchpointId, kind, title, detail, dedupeKey, createdAt, at);
    }
}
