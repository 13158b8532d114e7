package dev.postline.core.token;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The refresh-token grant of RFC 6749 §6 as both providers speak it: a form POST to the token URI
 * with the platform app's client id and secret in the body. Microsoft's v2.0 endpoint also gets the
 * grant's scopes (it issues a token for the scopes asked). This is the plain-OAuth route; MSAL would
 * send the same request (msal4j stays out of the core, see ArchitectureTest).
 */
@Singleton
public class HttpTokenEndpointClient implements TokenEndpointClient {

    /** Used when a provider omits {@code expires_in}: short, so a wrong guess costs a refresh, not an outage. */
    static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(10);

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
    public RefreshedTokens refresh(OAuthProvider provider, String refreshToken, Set<String> scopes) throws ConnectorException {
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
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
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
        Optional<JsonNode> body = parse(response.body());
        if (response.statusCode() != 200) {
            throw RefreshErrors.classify(provider, response.statusCode(), body.map(b -> text(b, "error")).orElse(null),
                    body.map(b -> text(b, "error_description")).orElse(null));
        }
        return body.flatMap(HttpTokenEndpointClient::tokens).orElseThrow(() -> new ConnectorException(FailureKind.AUTH_TRANSIENT,
                "the " + RefreshErrors.name(provider) + " token endpoint answered 200 without an access token"));
    }

    private static Optional<RefreshedTokens> tokens(JsonNode body) {
        String access = text(body, "access_token");
        if (access == null || access.isBlank()) {
            return Optional.empty();
        }
        JsonNode expires = body.get("expires_in");
        Duration lifetime = ASSUMED_LIFETIME;
        if (expires != null && expires.isNumber()) {
            lifetime = Duration.ofSeconds(expires.getLongValue());
        } else if (expires != null && expires.isString() && expires.getStringValue().matches("\\d{1,9}")) {
            lifetime = Duration.ofSeconds(Long.parseLong(expires.getStringValue()));
        }
        String rotated = text(body, "refresh_token");
        String scope = text(body, "scope");
        return Optional.of(new RefreshedTokens(access, lifetime,
                Optional.ofNullable(rotated).filter(r -> !r.isBlank()),
                Optional.ofNullable(scope).filter(s -> !s.isBlank())
                        .map(s -> Arrays.stream(s.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet()))));
    }

    private Optional<JsonNode> parse(byte[] body) {
        try {
            JsonNode node = json.readValue(body, JsonNode.class);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an HTML error page from a proxy: classified by status alone
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isString() ? node.getStringValue() : null;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
