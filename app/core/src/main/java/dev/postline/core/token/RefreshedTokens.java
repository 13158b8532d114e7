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
 */
public record RefreshedTokens(String accessToken, Duration expiresIn, Optional<String> refreshToken,
                              Optional<Set<String>> scopes) {

    public RefreshedTokens {
        Objects.requireNonNull(accessToken);
        Objects.requireNonNull(expiresIn);
        Objects.requireNonNull(refreshToken);
        Objects.requireNonNull(scopes);
    }

    @Override
    public String toString() {
        return "RefreshedTokens[expiresIn=" + expiresIn + ", rotated=" + refreshToken.isPresent() + "]";
    }
}
