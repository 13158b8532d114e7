package dev.postline.core.touchpoint;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * One email address a tenant uses with customers. {@code settings} holds the connector's
 * non-secret settings as a JSON object; secrets live in the vault, keyed by the touchpoint id.
 * {@code dataSource} and {@code reportServiceName} (null: the display name) are copied onto each
 * conversation when it is created.
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
        Instant updatedAt,
        @MappedProperty(converter = DataSourceConverter.class) DataSource dataSource,
        @Nullable String reportServiceName) {

    @Creator
    public Touchpoint {
        dataSource = dataSource == null ? DataSource.EMPTY : dataSource;
    }
}
