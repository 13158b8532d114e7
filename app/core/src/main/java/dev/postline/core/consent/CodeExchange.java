package dev.postline.core.consent;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.oauth.CodeRedemption;
import dev.postline.connectors.api.oauth.ProviderTokenClient;
import dev.postline.core.token.OAuthClient;
import dev.postline.core.token.ProviderTokenClients;
import dev.postline.core.token.ProviderTokenEndpointClient;
import dev.postline.core.token.RefreshedTokens;
import dev.postline.core.web.ApiException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Redeems the consent's authorization code: through the provider's token library when one is on
 * the classpath (MSAL for Microsoft; a consent starts the touchpoint's token cache afresh), else on
 * the plain OAuth route ({@link AuthorizationCodeClient}). Refusals become a safe message; neither
 * the code, the tokens nor the server's body reach it.
 */
@Singleton
class CodeExchange {

    private final ProviderTokenClients libraries;
    private final AuthorizationCodeClient plain;

    CodeExchange(ProviderTokenClients libraries, AuthorizationCodeClient plain) {
        this.libraries = libraries;
        this.plain = plain;
    }

    RefreshedTokens exchange(OAuthClient client, String code, String verifier, List<String> scopes) {
        Optional<ProviderTokenClient> library = libraries.find(client.provider());
        if (library.isEmpty()) {
            return plain.exchange(client, code, verifier, scopes);
        }
        String name = ConsentMessages.name(client.provider());
        try {
            return ProviderTokenEndpointClient.of(library.get().redeemCode(libraries.platformApp(client),
                    new CodeRedemption(code, verifier, client.redirectUri(), Set.copyOf(scopes)), Optional.empty()));
        } catch (ConnectorException e) {
            if (e.kind() == FailureKind.AUTH_REVOKED) {
                throw new ApiException(HttpStatus.BAD_REQUEST, name + " refused the authorization code: it expired, was already "
                        + "used or was issued for another app; nothing was changed, connect again");
            }
            throw new ApiException(HttpStatus.BAD_GATEWAY, "the authorization code could not be redeemed: " + reason(e)
                    + "; nothing was changed, try connecting again");
        }
    }

    /** The classified reason (already free of tokens and bodies) without the kind prefix. */
    private static String reason(ConnectorException e) {
        String prefix = e.kind() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }
}
