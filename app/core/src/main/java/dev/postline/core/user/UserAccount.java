package dev.postline.core.user;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A person of a tenant. {@code emailKey} is the normalized address used for uniqueness and login.
 * {@code sessionVersion} is named by every token issued to the user; raising it ends them all
 * ({@link dev.postline.core.security.SessionVersions}).
 */
@MappedEntity("user_account")
public record UserAccount(
        @Id UUID id,
        UUID tenantId,
        String email,
        String emailKey,
        String displayName,
        Role role,
        String passwordHash,
        boolean enabled,
        Instant createdAt,
        long sessionVersion) {

    public UserAccount withProfile(String displayName, Role role, boolean enabled) {
        return new UserAccount(id, tenantId, email, emailKey, displayName, role, passwordHash, enabled, createdAt, sessionVersion);
    }

    public UserAccount withPasswordHash(String passwordHash) {
        return new UserAccount(id, tenantId, email, emailKey, displayName, role, passwordHash, enabled, createdAt, sessionVersion);
    }

    /** The same user with every session issued so far ended. */
    public UserAccount withSessionsEnded() {
        return new UserAccount(id, tenantId, email, emailKey, displayName, role, passwordHash, enabled, createdAt, sessionVersion + 1);
    }
}
