package dev.postline.core.token;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The refresh-token grant of RFC 6749 §6 as both providers speak it: a form POST to the token URI
 * with the platform app's client id and secret in the body. Microsoft's v2.0 endpoint also gets the
 * grant's scopes (it issues a token for the scopes asked). This is the plain-OAuth route: Google's,
 * and Microsoft's when no provider token library (MSAL, in connectors/graph) is on the classpath
 * ({@link ProviderTokenEndpointClient}). It keeps no token cache.
 */
@Singleton
public class HttpTokenEndpointClient implements TokenEndpointClient {

    private final OAuthProviders providers;
    private final JsonMapper json;
    private final Duration timeout;
    private final HttpClient http;

    public HttpTokenEndpointClient(OAuthProviders providers, JsonMapper json, TokenSettings settings) {
        this.providers = providers;
        this.json = json;
        this.timeout = settings.getHttpTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public RefreshedTokens refresh(OAuthProvider provider, String refreshToken, Set<String> scopes, Optional<String> tokenCache)
            throws ConnectorException {
        OAuthClient client = providers.client(provider).orElseThrow(() -> new ConnectorException(FailureKind.AUTH_TRANSIENT,
                "the platform's " + RefreshErrors.name(provider) + " OAuth app is not configured: "
                        + providers.status(provider).explanation()));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", client.clientId());
        form.put("client_secret", client.clientSecret().reveal());
        if (provider == OAuthProvider.MICROSOFT && !scopes.isEmpty()) {
            form.put("scope", String.join(" ", new TreeSet<>(scopes)));
        }
        HttpRequest request = HttpRequest.newBuilder(client.tokenUri())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TokenResponses.form(form)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw RefreshErrors.unreachable(provider, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RefreshErrors.unreachable(provider, e);
        }
        Optional<JsonNode> body = TokenResponses.body(json, response.body());
        if (response.statusCode() != 200) {
            throw RefreshErrors.classify(provider, response.statusCode(), body.map(b -> TokenResponses.text(b, "error")).orElse(null),
                    body.map(b -> TokenResponses.text(b, "error_description")).orElse(null));
        }
        return body.flatMap(TokenResponses::tokens).orElseThrow(() -> new ConnectorException(FailureKind.AUTH_TRANSIENT,
                "the " + RefreshErrors.name(provider) + " token endpoint answered 200 without an access token"));
    }

}
