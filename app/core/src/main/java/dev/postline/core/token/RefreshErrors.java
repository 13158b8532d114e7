package dev.postline.core.token;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.oauth.TokenErrors;

/**
 * The plain route's classification of token endpoint errors: the providers' documented failures
 * live in {@link TokenErrors} (connectors/api), shared with the provider token libraries.
 */
final class RefreshErrors {

    private RefreshErrors() {}

    static ConnectorException classify(OAuthProvider provider, int status, String error, String description) {
        return TokenErrors.classify(name(provider), status, error, description);
    }

    static ConnectorException unreachable(OAuthProvider provider, Exception e) {
        return TokenErrors.unreachable(name(provider), e);
    }

    static String name(OAuthProvider provider) {
        return provider == OAuthProvider.GOOGLE ? "Google" : "Microsoft";
    }
}
