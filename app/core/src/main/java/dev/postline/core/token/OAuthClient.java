package dev.postline.core.token;

import dev.postline.core.vault.Secret;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider's platform OAuth app, complete and checked: what the consent flow and the token
 * service need to talk to the provider. The secret is a {@link Secret}, so this record prints safely.
 *
 * @param googleTesting Google only: the consent screen is in "testing" (grants end after 7 days)
 * @param authority Microsoft only: {@code {authority}/{tenant}}, for MSAL
 */
public record OAuthClient(OAuthProvider provider, String clientId, Secret clientSecret, URI redirectUri, URI tokenUri,
                          URI authorizationUri, boolean googleTesting, Optional<String> authority) {

    public OAuthClient {
        Objects.requireNonNull(provider);
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(clientSecret);
        Objects.requireNonNull(redirectUri);
        Objects.requireNonNull(tokenUri);
        Objects.requireNonNull(authorizationUri);
        Objects.requireNonNull(authority);
    }
}
