package dev.postline.connectors.api.oauth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A token client's successful answer. Prints without tokens or cache.
 *
 * @param expiresIn the access token's lifetime as issued (a duration, so the core applies its own clock)
 * @param refreshToken the refresh token the provider holds for this grant now: present after a code
 *     redemption and whenever the provider rotated it; the core must store it before the access
 *     token is used
 * @param scopes the scopes the access token carries, when the provider said
 * @param tokenCache the touchpoint's serialized token cache after the call, when the library keeps one
 */
public record ProviderTokens(String accessToken, Duration expiresIn, Optional<String> refreshToken,
                             Optional<Set<String>> scopes, Optional<String> tokenCache) {

    public ProviderTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(refreshToken, "refreshToken");
        scopes = Objects.requireNonNull(scopes, "scopes").map(Set::copyOf);
        Objects.requireNonNull(tokenCache, "tokenCache");
    }

    @Override
    public String toString() {
        return "ProviderTokens[expiresIn=" + expiresIn + ", scopes=" + scopes.orElse(Set.of()) + ", refresh token "
                + (refreshToken.isPresent() ? "present" : "absent") + ", cache " + (tokenCache.isPresent() ? "present" : "absent")
                + ", tokens <redacted>]";
    }
}
