package dev.postline.core.token;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The token endpoint's wire format (RFC 6749 §4.1.3, §5.1, §5.2), shared by the code exchange of
 * the consent flow and the refresh of the token service: the form we post, and the JSON we read back.
 */
public final class TokenResponses {

    /** When a token response omits {@code expires_in}: short, so the token is refreshed early rather than late. */
    public static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(10);

    private TokenResponses() {}

    /** The form body of a token request. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The JSON object of a response; empty for anything else (an HTML error page from a proxy is classified by status alone). */
    public static Optional<JsonNode> body(JsonMapper json, byte[] body) {
        try {
            JsonNode node = json.readValue(body, JsonNode.class);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A string field, or null. */
    public static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isString() ? node.getStringValue() : null;
    }

    /** The tokens of a successful response; empty when it carries no access token. */
    public static Optional<RefreshedTokens> tokens(JsonNode body) {
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
        String refresh = text(body, "refresh_token");
        String scope = text(body, "scope");
        return Optional.of(new RefreshedTokens(access, lifetime,
                Optional.ofNullable(refresh).filter(r -> !r.isBlank()),
                Optional.ofNullable(scope).filter(s -> !s.isBlank())
                        .map(s -> Arrays.stream(s.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet()))));
    }
}
