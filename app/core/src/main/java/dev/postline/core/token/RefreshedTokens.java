package dev.postline.core.token;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A token endpoint's successful answer to a refresh (RFC 6749 §5.1).
 *
 * @param refreshToken present when the provider rotated it (Microsoft always does); it must then be
 *     stored before the access token is used, or the grant is lost at the next refresh
 * @param scopes present when the provider said which scopes the new token carries
 * @param tokenCache the touchpoint's token cache as the provider library left it (MSAL); empty on
 *     the plain OAuth route
 */
public record RefreshedTokens(String accessToken, Duration expiresIn, Optional<String> refreshToken,
                              Optional<Set<String>> scopes, Optional<String> tokenCache) {

    /** An answer of the plain OAuth route (no library cache). */
    public RefreshedTokens(String accessToken, Duration expiresIn, Optional<String> refreshToken, Optional<Set<String>> scopes) {
        this(accessToken, expiresIn, refreshToken, scopes, Optional.empty());
    }

    public RefreshedTokens {
        Objects.requireNonNull(accessToken);
        Objects.requireNonNull(expiresIn);
        Objects.requireNonNull(refreshToken);
        Objects.requireNonNull(scopes);
        Objects.requireNonNull(tokenCache);
    }

    @Override
    public String toString() {
        return "RefreshedTokens[expiresIn=" + expiresIn + ", rotated=" + refreshToken.isPresent() + "]";
    }
}
