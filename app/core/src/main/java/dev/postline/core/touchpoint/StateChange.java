package dev.postline.core.touchpoint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a touchpoint's history: a move of its connection state, or an admin action on it
 * (a reconnect request keeps the state: {@code fromState == toState}). {@code reason} is safe text.
 */
@MappedEntity("touchpoint_state_change")
public record StateChange(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        ConnectionState fromState,
        ConnectionState toState,
        Instant changedAt,
        String reason,
        StateCause cause,
        @Nullable UUID actorUserId) {}
