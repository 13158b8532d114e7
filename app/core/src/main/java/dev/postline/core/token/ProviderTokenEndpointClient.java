package dev.postline.core.token;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.oauth.ProviderTokenClient;
import dev.postline.connectors.api.oauth.ProviderTokens;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * The token endpoint as the token service sees it: the provider's own token library when one is on
 * the classpath (MSAL for Microsoft, with the touchpoint's token cache going in and out), else the
 * plain OAuth route ({@link HttpTokenEndpointClient}).
 */
@Primary
@Singleton
public class ProviderTokenEndpointClient implements TokenEndpointClient {

    private final ProviderTokenClients libraries;
    private final HttpTokenEndpointClient plain;
    private final OAuthProviders providers;

    public ProviderTokenEndpointClient(ProviderTokenClients libraries, HttpTokenEndpointClient plain, OAuthProviders providers) {
        this.libraries = libraries;
        this.plain = plain;
        this.providers = providers;
    }

    @Override
    public RefreshedTokens refresh(OAuthProvider provider, String refreshToken, Set<String> scopes, Optional<String> tokenCache)
            throws ConnectorException {
        Optional<ProviderTokenClient> library = libraries.find(provider);
        if (library.isEmpty()) {
            return plain.refresh(provider, refreshToken, scopes, tokenCache);
        }
        OAuthClient client = providers.client(provider).orElseThrow(() -> new ConnectorException(FailureKind.AUTH_TRANSIENT,
                "the platform's " + RefreshErrors.name(provider) + " OAuth app is not configured: "
                        + providers.status(provider).explanation()));
        return of(library.get().redeemRefreshToken(libraries.platformApp(client), refreshToken, scopes, tokenCache));
    }

    /** A library's answer in the core's terms. */
    public static RefreshedTokens of(ProviderTokens tokens) {
        return new RefreshedTokens(tokens.accessToken(), tokens.expiresIn(), tokens.refreshToken(), tokens.scopes(),
                tokens.tokenCache());
    }
}
