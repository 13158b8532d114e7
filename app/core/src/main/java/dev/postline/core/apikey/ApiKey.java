package dev.postline.core.apikey;

import dev.postline.core.user.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** An integration credential. Only a SHA-256 of its secret part is stored; the key is shown once. */
@MappedEntity("api_key")
public record ApiKey(
        @Id UUID id,
        UUID tenantId,
        String name,
        Role role,
        String secretHash,
        UUID createdBy,
        Instant createdAt,
        @Nullable Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }

    public ApiKey revoked(Instant at) {
        return new ApiKey(id, tenantId, name, role, secretHash, createdBy, createdAt, at);
    }
}
