package dev.postline.core.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** The non-secret facts about a touchpoint's grant (table oauth_grant); the tokens are in the vault. */
@MappedEntity("oauth_grant")
public record OAuthGrantRecord(
        @Id UUID touchpointId,
        UUID tenantId,
        OAuthProvider provider,
        String mailbox,
        String scopes,
        Instant grantedAt,
        Instant lastRefreshAt,
        Instant accessExpiresAt,
        @Nullable Instant lastFailureAt,
        @Nullable String lastFailure,
        @Nullable Instant revokedAt) {

    static OAuthGrantRecord of(UUID tenantId, UUID touchpointId, OAuthGrant grant) {
        return new OAuthGrantRecord(touchpointId, tenantId, grant.provider(), grant.mailbox(),
                String.join(" ", new java.util.TreeSet<>(grant.scopes())), grant.grantedAt(), grant.lastRefreshAt(),
                grant.accessExpiresAt(), null, null, null);
    }

    OAuthGrantRecord failed(Instant at, String reason, boolean revoked) {
        String safe = reason.length() > 500 ? reason.substring(0, 500) : reason;
        return new OAuthGrantRecord(touchpointId, tenantId, provider, mailbox, scopes, grantedAt, lastRefreshAt,
                accessExpiresAt, at, safe, revoked ? at : revokedAt);
    }
}
