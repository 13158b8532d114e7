package dev.postline.core.push;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A touchpoint's change-notification subscription (table {@code push_subscription}): the provider's id,
 * the hash of its client state (never the client state), and when it expires.
 */
@MappedEntity("push_subscription")
public record PushSubscriptionRecord(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        String subscriptionId,
        String clientStateHash,
        Instant expiresAt,
        Instant createdAt,
        @Nullable Instant renewedAt) {

    PushSubscriptionRecord renewed(Instant expiry, Instant at) {
        return new PushSubscriptionRecord(id, tenantId, touchpointId, subscriptionId, clientStateHash, expiry, createdAt, at);
    }

    /** The provider dropped it: expired as of {@code now}, so the next check replaces it. */
    PushSubscriptionRecord gone(Instant now) {
        return new PushSubscriptionRecord(id, tenantId, touchpointId, subscriptionId, clientStateHash, now, createdAt, renewedAt);
    }

    /** The same row for a new subscription at the provider (the old one is gone). */
    PushSubscriptionRecord replacedBy(String newSubscriptionId, String newClientStateHash, Instant expiry, Instant at) {
        return new PushSubscriptionRecord(id, tenantId, touchpointId, newSubscriptionId, newClientStateHash, expiry, at, null);
    }
}
