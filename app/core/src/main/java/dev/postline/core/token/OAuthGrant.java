package dev.postline.core.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One touchpoint's OAuth authorization, as sealed in the vault. Both tokens travel together, so a
 * rotated refresh token and the access token it bought are always written in one step.
 *
 * @param mailbox the identity the grant was consented for (re-authentication must keep it)
 * @param grantedAt when the admin consented (Google testing-mode grants end 7 days later)
 * @param lastRefreshAt the last successful use of the refresh token (sliding windows start here);
 *     at consent, equal to {@code grantedAt}
 * @param tokenCache the provider library's serialized token cache for this touchpoint (MSAL's, for
 *     Microsoft through msal4j): sealed with the tokens, so a rotated refresh token and the cache
 *     holding it always change together; empty on the plain OAuth route
 */
public record OAuthGrant(OAuthProvider provider, String refreshToken, String accessToken, Instant accessExpiresAt,
                         Set<String> scopes, String mailbox, Instant grantedAt, Instant lastRefreshAt,
                         Optional<String> tokenCache) {

    /** A grant without a library token cache (the plain OAuth route). */
    public OAuthGrant(OAuthProvider provider, String refreshToken, String accessToken, Instant accessExpiresAt,
                      Set<String> scopes, String mailbox, Instant grantedAt, Instant lastRefreshAt) {
        this(provider, refreshToken, accessToken, accessExpiresAt, scopes, mailbox, grantedAt, lastRefreshAt, Optional.empty());
    }

    public OAuthGrant {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(lastRefreshAt, "lastRefreshAt");
        Objects.requireNonNull(tokenCache, "tokenCache");
        if (refreshToken.isBlank()) {
            throw new IllegalArgumentException("a grant without a refresh token cannot be kept alive");
        }
    }

    /** Whether the access token still has more than {@code margin} to live at {@code now}. */
    public boolean freshFor(Instant now, Duration margin) {
        return now.plus(margin).isBefore(accessExpiresAt);
    }

    /** The grant after a successful refresh: a rotated refresh token (and the library's updated cache) replaces the old one. */
    public OAuthGrant refreshed(RefreshedTokens tokens, Instant now) {
        return new OAuthGrant(provider, tokens.refreshToken().orElse(refreshToken), tokens.accessToken(),
                now.plus(tokens.expiresIn()), tokens.scopes().orElse(scopes), mailbox, grantedAt, now,
                tokens.tokenCache().or(() -> tokenCache));
    }

    @Override
    public String toString() {
        return "OAuthGrant[" + provider + ", " + mailbox + ", access until " + accessExpiresAt + ", scopes " + scopes
                + ", granted " + grantedAt + ", last refresh " + lastRefreshAt + ", tokens <redacted>"
                + (tokenCache.isPresent() ? ", token cache <redacted>" : "") + "]";
    }
}
