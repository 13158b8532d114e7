package dev.postline.core.consent;

import dev.postline.core.token.OAuthClient;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.RefreshedTokens;
import dev.postline.core.token.TokenResponses;
import dev.postline.core.token.TokenSettings;
import dev.postline.core.web.ApiException;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redeems an authorization code (RFC 6749 §4.1.3 with the PKCE verifier of RFC 7636 §4.5) at the
 * provider's token endpoint: the plain-OAuth route, like the refresh in the token service. Microsoft's
 * v2.0 endpoint also gets the scopes (its documented request has them). Refusals become a safe
 * message; neither the code, the tokens nor the server's body reach it. {@link CodeExchange} uses this
 * route for providers without a token library on the classpath (Google; Microsoft without MSAL).
 */
@Singleton
class AuthorizationCodeClient {

    private final JsonMapper json;
    private final Duration timeout;
    private final HttpClient http;

    AuthorizationCodeClient(JsonMapper json, TokenSettings settings) {
        this.json = json;
        this.timeout = settings.getHttpTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    RefreshedTokens exchange(OAuthClient client, String code, String verifier, List<String> scopes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", client.redirectUri().toString());
        form.put("client_id", client.clientId());
        form.put("client_secret", client.clientSecret().reveal());
        form.put("code_verifier", verifier);
        if (client.provider() == OAuthProvider.MICROSOFT) {
            form.put("scope", String.join(" ", scopes));
        }
        HttpRequest request = HttpRequest.newBuilder(client.tokenUri())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TokenResponses.form(form)))
                .build();
        String name = ConsentMessages.name(client.provider());
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "the " + name + " token endpoint could not be reached ("
                    + e.getClass().getSimpleName() + "); nothing was changed, try connecting again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while redeeming the authorization code");
        }
        Optional<JsonNode> body = TokenResponses.body(json, response.body());
        if (response.statusCode() != 200) {
            String error = body.map(b -> TokenResponses.text(b, "error")).orElse("").replaceAll("[^a-z0-9_.-]", "");
            if (error.equals("invalid_grant")) {
                throw new ApiException(HttpStatus.BAD_REQUEST, name + " refused the authorization code (invalid_grant): it expired, "
                        + "was already used or was issued for another app; nothing was changed, connect again");
            }
            throw new ApiException(HttpStatus.BAD_GATEWAY, "the " + name + " token endpoint answered " + response.statusCode()
                    + (error.isEmpty() ? "" : " (" + (error.length() > 60 ? error.substring(0, 60) : error) + ")")
                    + "; nothing was changed");
        }
        return body.flatMap(TokenResponses::tokens).orElseThrow(() -> new ApiException(HttpStatus.BAD_GATEWAY,
                "the " + name + " token endpoint answered without an access token; nothing was changed"));
    }

}
