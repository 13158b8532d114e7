package dev.postline.core.touchpoint;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One email address a tenant uses with customers. {@code settings} holds the connector's
 * non-secret settings as a JSON object; secrets live in the vault, keyed by the touchpoint id.
 */
@MappedEntity("touchpoint")
public record Touchpoint(
        @Id UUID id,
        UUID tenantId,
        String address,
        String displayName,
        String nameKey,
        ConnectorKind connectorKind,
        Direction direction,
        boolean enabled,
        String settings,
        ConnectionState connectionState,
        Instant createdAt,
        Instant updatedAt) {}
