package dev.postline.connectors.graph.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the refresh token back out of a serialized MSAL cache: MSAL's result does not expose it,
 * but the core's grant needs it (the next refresh, rotation stored before use). The cache has a
 * {@code RefreshToken} section whose entries hold the token as {@code secret}.
 */
final class CachedRefreshToken {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CachedRefreshToken() {}

    /**
     * The refresh token of this app in the cache; when a cache holds several (it should not: one
     * cache per touchpoint), the one that differs from {@code previous}, i.e. the one just issued.
     */
    static Optional<String> of(String serializedCache, String clientId, Optional<String> previous) {
        JsonNode section;
        try {
            section = JSON.readTree(serializedCache).path("RefreshToken");
        } catch (IOException e) {
            return Optional.empty(); // never quote the cache: it holds tokens
        }
        List<String> secrets = new ArrayList<>();
        section.forEach(entry -> {
            String owner = entry.path("client_id").asText("");
            String secret = entry.path("secret").asText("");
            if (!secret.isBlank() && (owner.isEmpty() || owner.equals(clientId))) {
                secrets.add(secret);
            }
        });
        if (secrets.size() > 1 && previous.isPresent()) {
            secrets.remove(previous.get());
        }
        return secrets.isEmpty() ? Optional.empty() : Optional.of(secrets.getFirst());
    }
}
