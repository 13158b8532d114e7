package dev.postline.core.tenant;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A customer company. A platform row: it has no tenant id, it is one. */
@MappedEntity("tenant")
public record Tenant(@Id UUID id, String slug, String name, Instant createdAt) {

    public TenantId tenantId() {
        return TenantId.of(id);
    }
}
