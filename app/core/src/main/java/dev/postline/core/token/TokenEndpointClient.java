package dev.postline.core.token;

import dev.postline.connectors.api.ConnectorException;
import java.util.Optional;
import java.util.Set;

/**
 * Redeems a refresh token at a provider's token endpoint. Implementations classify every failure:
 * {@code AUTH_REVOKED} when the grant is dead (re-consent needed), {@code AUTH_TRANSIENT} for
 * everything that may pass (5xx, timeouts, refused connections, a misconfigured platform app). The
 * reason never contains a token or the server's raw body.
 */
public interface TokenEndpointClient {

    /**
     * @param tokenCache the touchpoint's provider-library token cache (MSAL), empty on the plain route;
     *     the updated one comes back in {@link RefreshedTokens#tokenCache()}
     */
    RefreshedTokens refresh(OAuthProvider provider, String refreshToken, Set<String> scopes, Optional<String> tokenCache)
            throws ConnectorException;

    /** A refresh without a library token cache. */
    default RefreshedTokens refresh(OAuthProvider provider, String refreshToken, Set<String> scopes) throws ConnectorException {
        return refresh(provider, refreshToken, scopes, Optional.empty());
    }
}
