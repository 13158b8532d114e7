package dev.postline.connectors.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The Gmail API methods the connector uses, with their quota cost (Gmail usage limits page), on the
 * mailbox of the access token ({@code users/me}).
 */
final class GmailApi {

    private static final String USER = "gmail/v1/users/me/";

    private final GmailHttp http;

    GmailApi(GmailHttp http) {
        this.http = http;
    }

    /** users.getProfile: {@code emailAddress}, {@code historyId}. */
    JsonNode profile() throws ConnectorException {
        return get("users.getProfile", 1, USER + "profile");
    }

    /** users.history.list of INBOX additions after {@code startHistoryId}; 404 when that id is too old. */
    JsonNode history(String startHistoryId, String pageToken, int maxResults) throws ConnectorException {
        StringJoiner q = new StringJoiner("&").add("startHistoryId=" + startHistoryId).add("historyTypes=messageAdded")
                .add("labelId=INBOX").add("maxResults=" + maxResults);
        if (pageToken != null) {
            q.add("pageToken=" + enc(pageToken));
        }
        return get("users.history.list", 2, USER + "history?" + q);
    }

    /** users.messages.list, newest first. */
    JsonNode list(String query, String labelId, String pageToken, int maxResults) throws ConnectorException {
        StringJoiner q = new StringJoiner("&").add("maxResults=" + maxResults);
        if (query != null && !query.isEmpty()) {
            q.add("q=" + enc(query));
        }
        if (labelId != null) {
            q.add("labelIds=" + enc(labelId));
        }
        if (pageToken != null) {
            q.add("pageToken=" + enc(pageToken));
        }
        return get("users.messages.list", 5, USER + "messages?" + q);
    }

    /** users.messages.get format=RAW: the RFC 822 bytes; {@code NotFound} when the message is gone. */
    byte[] raw(String id) throws ConnectorException {
        JsonNode message = get("users.messages.get", 5, USER + "messages/" + enc(id) + "?format=raw");
        try {
            return Base64.getUrlDecoder().decode(message.path("raw").asText(""));
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(FailureKind.NETWORK, "users.messages.get returned undecodable raw data for " + id);
        }
    }

    /** users.messages.send with the message as base64url {@code raw} in JSON. */
    JsonNode send(byte[] raw, String threadId) throws ConnectorException {
        ObjectNode body = GmailHttp.JSON.createObjectNode().put("raw", Base64.getUrlEncoder().encodeToString(raw));
        if (threadId != null) {
            body.put("threadId", threadId);
        }
        byte[] json = body.toString().getBytes(StandardCharsets.UTF_8);
        var uri = http.uri(USER + "messages/send");
        return http.exchange("users.messages.send", 100, token -> http.request(uri, token)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
    }

    /**
     * users.messages.send through the media upload endpoint ({@code uploadType=multipart}: a JSON metadata
     * part carrying the thread id, then the message as {@code message/rfc822}), for messages too big to
     * send base64-encoded in JSON.
     */
    JsonNode upload(byte[] raw, String threadId) throws ConnectorException {
        String boundary = "postline-" + UUID.randomUUID();
        ObjectNode metadata = GmailHttp.JSON.createObjectNode();
        if (threadId != null) {
            metadata.put("threadId", threadId);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(raw.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n" + metadata
                + "\r\n--" + boundary + "\r\nContent-Type: message/rfc822\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(raw);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = body.toByteArray();
        var uri = http.uri("upload/" + USER + "messages/send?uploadType=multipart");
        return http.exchange("users.messages.send (upload)", 100, token -> http.request(uri, token)
                .header("Content-Type", "multipart/related; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private JsonNode get(String what, int units, String path) throws ConnectorException {
        var uri = http.uri(path);
        return http.exchange(what, units, token -> http.request(uri, token).GET().build());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
