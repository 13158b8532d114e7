package dev.postline.core.touchpoint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * What the state machine remembers between sync reports: since when the touchpoint is connected,
 * since when and how often in a row its sync has failed (the hysteresis), and the open incident
 * (connection lost or authorization expired) whose end deserves a "recovered" notice.
 */
@MappedEntity("touchpoint_health")
public record TouchpointHealth(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        @Nullable Instant connectedSince,
        @Nullable Instant failingSince,
        int consecutiveFailures,
        @Nullable UUID incidentId,
        Instant updatedAt) {

    static TouchpointHealth fresh(UUID tenantId, UUID touchpointId, Instant now) {
        return new TouchpointHealth(UUID.randomUUID(), tenantId, touchpointId, null, null, 0, null, now);
    }

    TouchpointHealth failedOnce(Instant now) {
        return new TouchpointHealth(id, tenantId, touchpointId, connectedSince, failingSince == null ? now : failingSince,
                consecutiveFailures + 1, incidentId, now);
    }

    TouchpointHealth healthy(Instant now) {
        return new TouchpointHealth(id, tenantId, touchpointId, connectedSince, null, 0, incidentId, now);
    }

    TouchpointHealth connectedAt(@Nullable Instant since, Instant now) {
        return new TouchpointHealth(id, tenantId, touchpointId, since, failingSince, consecutiveFailures, incidentId, now);
    }

    TouchpointHealth withIncident(@Nullable UUID incident, Instant now) {
        return new TouchpointHealth(id, tenantId, touchpointId, connectedSince, failingSince, consecutiveFailures, incident, now);
    }
}
