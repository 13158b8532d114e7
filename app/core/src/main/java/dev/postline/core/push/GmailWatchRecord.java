package dev.postline.core.push;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A Gmail touchpoint's push watch (table {@code gmail_watch}): the mailbox address pushes are routed by (lower
 * case), the topic it publishes to, and when Gmail said it lapses.
 */
@MappedEntity("gmail_watch")
public record GmailWatchRecord(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        String emailAddress,
        String topic,
        Instant expiresAt,
        Instant createdAt,
        @Nullable Instant renewedAt) {

    GmailWatchRecord renewed(Instant expiry, Instant at) {
        return new GmailWatchRecord(id, tenantId, touchpointId, emailAddress, topic, expiry, createdAt, at);
    }

    /** When it was last made or renewed. */
    Instant watchedAt() {
        return renewedAt != null ? renewedAt : createdAt;
    }
}
