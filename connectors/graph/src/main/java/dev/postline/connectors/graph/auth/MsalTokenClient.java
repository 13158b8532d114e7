package dev.postline.connectors.graph.auth;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.RefreshTokenParameters;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.oauth.CodeRedemption;
import dev.postline.connectors.api.oauth.PlatformApp;
import dev.postline.connectors.api.oauth.ProviderTokenClient;
import dev.postline.connectors.api.oauth.ProviderTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The Microsoft token path through msal4j's {@link ConfidentialClientApplication}: the consent's
 * authorization code (with PKCE) and the refresh of a touchpoint's grant. Each call builds its own
 * application around the touchpoint's serialized token cache ({@link TouchpointTokenCache}), so
 * one touchpoint's tokens never sit in a cache another touchpoint's call reads or writes.
 *
 * <p>Refresh uses {@link RefreshTokenParameters} with the grant's refresh token rather than
 * {@code acquireTokenSilently}: it works the same against Entra and against a generic OIDC
 * authority (tests), and the token service already decides when to refresh. MSAL does not hand
 * out the refresh token it received; it is read back from the cache's {@code RefreshToken}
 * section so the core's grant stays complete.
 */
public final class MsalTokenClient implements ProviderTokenClient {

    /** MSAL sends these with every request itself; passing them again is refused by some versions. */
    static final Set<String> ADDED_BY_MSAL = Set.of("openid", "profile", "offline_access");

    @Override
    public String provider() {
        return "microsoft";
    }

    @Override
    public ProviderTokens redeemCode(PlatformApp app, CodeRedemption code, Optional<String> tokenCache) throws ConnectorException {
        TouchpointTokenCache cache = new TouchpointTokenCache(tokenCache);
        AuthorizationCodeParameters parameters = AuthorizationCodeParameters.builder(code.code(), code.redirectUri())
                .scopes(msalScopes(code.scopes()))
                .codeVerifier(code.codeVerifier())
                .build();
        IAuthenticationResult result = MsalCalls.run(app, cache, application -> application.acquireToken(parameters));
        return tokens(result, cache, app.clientId(), Optional.empty());
    }

    @Override
    public ProviderTokens redeemRefreshToken(PlatformApp app, String refreshToken, Set<String> scopes, Optional<String> tokenCache)
            throws ConnectorException {
        TouchpointTokenCache cache = new TouchpointTokenCache(tokenCache);
        RefreshTokenParameters parameters = RefreshTokenParameters.builder(msalScopes(scopes), refreshToken).build();
        IAuthenticationResult result = MsalCalls.run(app, cache, application -> application.acquireToken(parameters));
        return tokens(result, cache, app.clientId(), Optional.of(refreshToken));
    }

    private static ProviderTokens tokens(IAuthenticationResult result, TouchpointTokenCache cache, String clientId,
                                         Optional<String> previous) {
        Optional<String> serialized = cache.current();
        Optional<String> refreshToken = serialized.flatMap(c -> CachedRefreshToken.of(c, clientId, previous));
        Instant expiresOn = result.expiresOnDate() == null ? Instant.now() : result.expiresOnDate().toInstant();
        Duration lifetime = Duration.between(Instant.now(), expiresOn);
        return new ProviderTokens(result.accessToken(), lifetime.isNegative() ? Duration.ZERO : lifetime,
                refreshToken.filter(rt -> previous.map(p -> !p.equals(rt)).orElse(true)), scopes(result.scopes()), serialized);
    }

    static Set<String> msalScopes(Set<String> scopes) {
        Set<String> kept = new LinkedHashSet<>();
        scopes.stream().filter(s -> !ADDED_BY_MSAL.contains(s)).sorted().forEach(kept::add);
        return kept;
    }

    private static Optional<Set<String>> scopes(String granted) {
        if (granted == null || granted.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(granted.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet()));
    }

    /** One MSAL acquisition on an application built for the call. */
    @FunctionalInterface
    interface Acquisition {
        CompletableFuture<IAuthenticationResult> on(ConfidentialClientApplication application);
    }
}
