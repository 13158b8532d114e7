package dev.postline.core.token;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plaintext form of a grant inside the vault: a small versioned JSON document. Version 2 adds the
 * provider library's token cache (MSAL); version 1 documents read as grants without one.
 */
@Singleton
class GrantCodec {

    @Serdeable
    record Sealed(int version, String provider, String refreshToken, String accessToken, String accessExpiresAt,
                  List<String> scopes, String mailbox, String grantedAt, String lastRefreshAt, @Nullable String tokenCache) {}

    private final JsonMapper json;

    GrantCodec(JsonMapper json) {
        this.json = json;
    }

    String encode(OAuthGrant grant) {
        Sealed sealed = new Sealed(2, grant.provider().name(), grant.refreshToken(), grant.accessToken(),
                grant.accessExpiresAt().toString(), List.copyOf(new TreeSet<>(grant.scopes())), grant.mailbox(),
                grant.grantedAt().toString(), grant.lastRefreshAt().toString(), grant.tokenCache().orElse(null));
        try {
            return new String(json.writeValueAsBytes(sealed), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an OAuth grant", e);
        }
    }

    OAuthGrant decode(String text) {
        try {
            Sealed s = json.readValue(text, Sealed.class);
            return new OAuthGrant(OAuthProvider.valueOf(s.provider()), s.refreshToken(), s.accessToken(),
                    Instant.parse(s.accessExpiresAt()), Set.copyOf(s.scopes()), s.mailbox(), Instant.parse(s.grantedAt()),
                    Instant.parse(s.lastRefreshAt()), Optional.ofNullable(s.tokenCache()).filter(c -> !c.isBlank()));
        } catch (IOException e) {
            // Never include the text: it is the decrypted grant.
            throw new IllegalStateException("the stored OAuth grant is not readable");
        }
    }
}
