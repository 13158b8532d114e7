package dev.postline.connectors.api.oauth;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * What the consent callback redeems (RFC 6749 §4.1.3 with the PKCE verifier of RFC 7636 §4.5).
 * Prints without the code and the verifier.
 *
 * @param redirectUri exactly the redirect URI of the authorization request
 * @param scopes the scopes the authorization request asked for
 */
public record CodeRedemption(String code, String codeVerifier, URI redirectUri, Set<String> scopes) {

    public CodeRedemption {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(redirectUri, "redirectUri");
        scopes = Set.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "CodeRedemption[redirectUri=" + redirectUri + ", scopes=" + scopes + ", code and verifier <redacted>]";
    }
}
