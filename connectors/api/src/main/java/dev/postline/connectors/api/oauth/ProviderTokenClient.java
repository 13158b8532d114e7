package dev.postline.connectors.api.oauth;

import dev.postline.connectors.api.ConnectorException;
import java.util.Optional;
import java.util.Set;

/**
 * A provider's own token library behind one small interface (e.g. MSAL for Microsoft), discovered
 * through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.postline.connectors.api.oauth.ProviderTokenClient}). The core uses it
 * for the provider it names instead of speaking plain OAuth to the token endpoint itself; without
 * one on the classpath the core keeps its plain route.
 *
 * <p>The library's token cache belongs to one touchpoint: the core hands in that touchpoint's
 * serialized cache (empty at the first consent) and seals what comes back, in the same vault write
 * as the tokens. A client never keeps tokens or caches between calls.
 *
 * <p>Obligations of an implementation:
 * <ul>
 *   <li>have a public no-argument constructor and be stateless and thread-safe (many touchpoints
 *       call it at once);</li>
 *   <li>classify every failure: {@link dev.postline.connectors.api.FailureKind#AUTH_REVOKED} when
 *       the grant or code is dead and only a new consent helps ({@link TokenErrors}), otherwise
 *       {@link dev.postline.connectors.api.FailureKind#AUTH_TRANSIENT};</li>
 *   <li>never put a token, a code, the client secret, the cache or the server's raw body in a
 *       message or a log line.</li>
 * </ul>
 */
public interface ProviderTokenClient {

    /** The provider this client speaks for, in lower case: {@code microsoft}, {@code google}. */
    String provider();

    /**
     * Redeems the authorization code the consent brought back.
     *
     * @param tokenCache the touchpoint's serialized token cache, empty for a first consent
     * @throws ConnectorException {@code AUTH_REVOKED} if the code was refused (expired, used, another app's),
     *     {@code AUTH_TRANSIENT} for everything that may pass
     */
    ProviderTokens redeemCode(PlatformApp app, CodeRedemption code, Optional<String> tokenCache) throws ConnectorException;

    /**
     * Redeems the touchpoint's refresh token for a new access token (and, with rotation, a new
     * refresh token, reported in {@link ProviderTokens#refreshToken()}).
     *
     * @param scopes the scopes the grant holds; the library may add its own (e.g. {@code openid})
     * @throws ConnectorException {@code AUTH_REVOKED} if the grant is dead, {@code AUTH_TRANSIENT} otherwise
     */
    ProviderTokens redeemRefreshToken(PlatformApp app, String refreshToken, Set<String> scopes, Optional<String> tokenCache)
            throws ConnectorException;
}
