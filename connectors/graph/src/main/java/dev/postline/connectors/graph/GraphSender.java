package dev.postline.connectors.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sends by creating the message from its MIME ({@code POST /me/messages}, base64, {@code text/plain})
 * and then sending that draft ({@code POST /me/messages/{id}/send}), rather than {@code sendMail}: the
 * message then has an immutable id before it leaves, keeps it in Sent Items, and can be found there by
 * its Message-ID ({@code internetMessageId}).
 *
 * <p>That makes a retry after a crash safe: before creating anything, Sent Items is searched for the
 * Message-ID (found = already sent, nothing is sent again) and Drafts too (found = created but not sent:
 * that draft is sent instead of a second copy).
 *
 * <p>Graph addresses mail by the message's own To/Cc/Bcc; envelope recipients missing from those
 * headers (a Bcc the core removed from the header block) are added to the draft as Bcc before sending.
 */
final class GraphSender {

    private final GraphHttp http;
    private final GraphEndpoint endpoint;

    GraphSender(GraphHttp http, GraphEndpoint endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    SendResult send(OutboundMessage message) throws ConnectorException {
        Optional<String> messageId = MessageIdHeader.of(message.raw());
        if (messageId.isPresent()) {
            Optional<JsonNode> sent = findByMessageId("sentitems", messageId.get());
            if (sent.isPresent()) {
                return new SendResult(sent.get().path("id").asText(),
                        "already in Sent Items (sent before a retry); not sent again", Optional.of("sentitems"));
            }
        }
        JsonNode draft = messageId.isPresent()
                ? findByMessageId("drafts", messageId.get()).orElse(null) : null;
        if (draft == null) {
            draft = create(message.raw());
        }
        String id = draft.path("id").asText();
        addMissingRecipients(id, draft, message.recipients());
        http.send(http.request(endpoint.resolve("/me/messages/" + encode(id) + "/send"), null)
                .POST(HttpRequest.BodyPublishers.noBody()), "sending the message", Set.of());
        return new SendResult(id, "202 Accepted by Microsoft Graph", Optional.of("sentitems"));
    }

    private JsonNode create(byte[] raw) throws ConnectorException {
        HttpRequest.Builder request = http.request(endpoint.resolve("/me/messages"), null)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(Base64.getEncoder().encodeToString(raw), StandardCharsets.US_ASCII));
        return http.json(request, "creating the message from its MIME");
    }

    private void addMissingRecipients(String id, JsonNode draft, List<String> envelope) throws ConnectorException {
        Set<String> addressed = new TreeSet<>();
        List<String> bcc = new ArrayList<>();
        for (String field : List.of("toRecipients", "ccRecipients", "bccRecipients")) {
            for (JsonNode r : draft.path(field)) {
                String address = r.path("emailAddress").path("address").asText("");
                addressed.add(address.toLowerCase(Locale.ROOT));
                if (field.equals("bccRecipients")) {
                    bcc.add(address);
                }
            }
        }
        List<String> missing = envelope.stream().filter(a -> !addressed.contains(a.toLowerCase(Locale.ROOT))).toList();
        if (missing.isEmpty()) {
            return;
        }
        bcc.addAll(missing);
        ObjectNode patch = GraphHttp.JSON.createObjectNode();
        ArrayNode list = patch.putArray("bccRecipients");
        bcc.forEach(a -> list.addObject().putObject("emailAddress").put("address", a));
        http.send(http.request(endpoint.resolve("/me/messages/" + encode(id)), null)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch.toString())), "adding Bcc recipients", Set.of());
    }

    private Optional<JsonNode> findByMessageId(String folder, String messageId) throws ConnectorException {
        String filter = "internetMessageId eq '" + messageId.replace("'", "''") + "'";
        JsonNode list = http.json(http.request(endpoint.resolve("/me/mailFolders/" + folder + "/messages?$filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8) + "&$select=id,toRecipients,ccRecipients,bccRecipients"),
                null).GET(), "looking for the message in " + folder);
        JsonNode first = list.path("value").path(0);
        return first.isMissingNode() ? Optional.empty() : Optional.of(first);
    }

    static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
