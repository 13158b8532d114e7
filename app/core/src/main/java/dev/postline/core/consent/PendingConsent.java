package dev.postline.core.consent;

import dev.postline.core.token.OAuthProvider;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A consent an admin started and has not finished (table {@code oauth_consent}): the hash of its
 * one-time state and what the state is bound to. The PKCE verifier is in the vault ({@link #verifierField()}).
 */
@MappedEntity("oauth_consent")
public record PendingConsent(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        UUID userId,
        String sessionHash,
        String stateHash,
        OAuthProvider provider,
        Instant createdAt,
        Instant expiresAt) {

    /** The vault field (owner: the touchpoint) that holds this consent's PKCE verifier. */
    public String verifierField() {
        return "oauth-pkce-" + id;
    }
}
