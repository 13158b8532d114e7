package dev.postline.connectors.graphdouble;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Renders the double's resources in the JSON shapes of the Graph v1.0 reference. */
final class GraphJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphJson() {
    }

    static ObjectNode user(GraphMailbox mailbox, String base) {
        ObjectNode user = MAPPER.createObjectNode();
        user.put("@odata.context", base + "/$metadata#users/$entity");
        user.put("id", mailbox.userId());
        user.put("displayName", mailbox.address());
        user.put("mail", mailbox.address());
        user.put("userPrincipalName", mailbox.address());
        return user;
    }

    static ObjectNode message(GraphMessage m, boolean immutableIds) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.message");
        node.put("@odata.etag", "W/\"CQAAABYAAA" + m.lastModified().toEpochMilli() + "\"");
        node.put("id", immutableIds ? m.immutableId() : m.restId());
        node.put("createdDateTime", time(m.receivedDateTime()));
        node.put("lastModifiedDateTime", time(m.lastModified()));
        node.put("receivedDateTime", time(m.receivedDateTime()));
        node.put("subject", m.subject());
        node.put("internetMessageId", m.internetMessageId());
        node.put("isRead", m.isRead());
        node.put("isDraft", m.isDraft());
        node.put("parentFolderId", GraphIds.folderId(m.folder()));
        node.set("from", address(m.from()));
        node.set("toRecipients", recipients(m.to()));
        node.set("ccRecipients", recipients(m.cc()));
        node.set("bccRecipients", recipients(m.bcc()));
        return node;
    }

    static ObjectNode removed(GraphMessage m, boolean immutableIds) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("@odata.type", "#microsoft.graph.message");
        node.put("id", immutableIds ? m.immutableId() : GraphIds.restId(m.immutableId(), Math.max(0, m.moves() - 1)));
        node.putObject("@removed").put("reason", "deleted");
        return node;
    }

    static ObjectNode collection(String context, List<ObjectNode> values) {
        ObjectNode page = MAPPER.createObjectNode();
        page.put("@odata.context", context);
        ArrayNode array = page.putArray("value");
        values.forEach(array::add);
        return page;
    }

    static ObjectNode error(Fault fault) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", fault.code());
        error.put("message", fault.message());
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", time(Instant.now()));
        String id = UUID.randomUUID().toString();
        inner.put("request-id", id);
        inner.put("client-request-id", id);
        return root;
    }

    private static ObjectNode address(String address) {
        ObjectNode node = MAPPER.createObjectNode();
        node.putObject("emailAddress").put("name", address).put("address", address);
        return node;
    }

    private static ArrayNode recipients(List<String> addresses) {
        ArrayNode array = MAPPER.createArrayNode();
        addresses.forEach(a -> array.add(address(a)));
        return array;
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
