package dev.postline.core.push;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads a Pub/Sub push request carrying a Gmail notification:
 * {@code {"message": {"data": base64, "messageId", "publishTime", "attributes"}, "subscription"}}, whose
 * {@code data} is {@code {"emailAddress": "...", "historyId": 1234}}. Only the address is kept: it names the
 * mailbox to wake. The history id must be there (a number, or a decimal string) for the body to count as a
 * Gmail notification, but it is not used — the loop fetches from its own cursor.
 */
final class PubSubEnvelope {

    static final String EXPECTED = "expected a Pub/Sub push {\"message\": {\"data\": base64 of {\"emailAddress\", \"historyId\"}}}";
    /** Gmail's notifications are about a hundred bytes; the envelope adds a few hundred more. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_ADDRESS_LENGTH = 320;

    private PubSubEnvelope() {
    }

    static Optional<String> emailAddress(JsonMapper json, byte[] body) {
        try {
            JsonNode root = json.readValue(body, JsonNode.class);
            JsonNode message = root == null || !root.isObject() ? null : root.get("message");
            String data = string(message, "data");
            if (data == null) {
                return Optional.empty();
            }
            JsonNode notification = json.readValue(decode(data), JsonNode.class);
            String address = string(notification, "emailAddress");
            JsonNode historyId = notification == null || !notification.isObject() ? null : notification.get("historyId");
            boolean hasHistory = historyId != null && (historyId.isNumber()
                    || historyId.isString() && historyId.getStringValue().matches("[0-9]{1,20}"));
            if (address == null || !hasHistory || address.isBlank() || address.length() > MAX_ADDRESS_LENGTH
                    || address.indexOf('@') < 1 || address.chars().anyMatch(c -> c <= ' ')) {
                return Optional.empty();
            }
            return Optional.of(address);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Pub/Sub's JSON carries bytes as standard base64; URL-safe is accepted too. */
    private static byte[] decode(String data) {
        String trimmed = data.trim();
        return trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(trimmed) : Base64.getDecoder().decode(trimmed);
    }

    @Nullable
    private static String string(@Nullable JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
