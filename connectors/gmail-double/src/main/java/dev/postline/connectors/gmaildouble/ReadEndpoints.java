package dev.postline.connectors.gmaildouble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code users.getProfile}, {@code users.history.list}, {@code users.messages.list} and
 * {@code users.messages.get}, answering with the fields of the Gmail API reference.
 */
final class ReadEndpoints {

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 500;

    private ReadEndpoints() {
    }

    static void profile(HttpCall call, Mailbox mailbox) throws IOException {
        call.json(200, HttpCall.object().put("emailAddress", mailbox.address())
                .put("messagesTotal", mailbox.search(SearchQuery.parse(""), List.of()).size())
                .put("historyId", Long.toString(mailbox.historyId())));
    }

    static void history(HttpCall call, Mailbox mailbox) throws IOException {
        long start = number(call.param("startHistoryId"), "startHistoryId");
        if (!mailbox.historyAvailableFrom(start)) {
            call.error(Fault.notFound());
            return;
        }
        List<String> types = call.params("historyTypes");
        List<HistoryRecord> records = types.isEmpty() || types.contains("messageAdded")
                ? mailbox.historyAfter(start, call.param("labelId")) : List.of();
        long after = call.param("pageToken") == null ? Long.MIN_VALUE : number(decode(call.param("pageToken")), "pageToken");
        List<HistoryRecord> rest = records.stream().filter(r -> r.id() > after).toList();
        List<HistoryRecord> page = rest.subList(0, Math.min(pageSize(call), rest.size()));

        ObjectNode body = HttpCall.object();
        if (!page.isEmpty()) {
            ArrayNode history = body.putArray("history");
            page.forEach(r -> history.add(record(r)));
        }
        if (page.size() < rest.size()) {
            body.put("nextPageToken", encode(Long.toString(page.getLast().id())));
        }
        body.put("historyId", Long.toString(mailbox.historyId()));
        call.json(200, body);
    }

    private static ObjectNode record(HistoryRecord r) {
        ObjectNode node = HttpCall.object().put("id", Long.toString(r.id()));
        node.putArray("messages").add(summary(r.message()));
        ObjectNode message = summary(r.message());
        ArrayNode labels = message.putArray("labelIds");
        r.message().labelIds().forEach(labels::add);
        node.putArray("messagesAdded").addObject().set("message", message);
        return node;
    }

    static void list(HttpCall call, Mailbox mailbox) throws IOException {
        List<StoredMessage> found = mailbox.search(SearchQuery.parse(call.param("q")), call.params("labelIds"));
        int from = 0;
        if (call.param("pageToken") != null) {
            String[] key = decode(call.param("pageToken")).split(":");
            StoredMessage last = new StoredMessage("", "", List.of(), 0, number(key[0], "pageToken"),
                    number(key[1], "pageToken"), new byte[0]);
            while (from < found.size() && Mailbox.NEWEST_FIRST.compare(found.get(from), last) <= 0) {
                from++; // keyset paging: arrivals during paging never shift what is still to come
            }
        }
        List<StoredMessage> page = found.subList(from, Math.min(found.size(), from + pageSize(call)));
        ObjectNode body = HttpCall.object();
        if (!page.isEmpty()) {
            ArrayNode messages = body.putArray("messages");
            page.forEach(m -> messages.add(summary(m)));
        }
        if (from + page.size() < found.size()) {
            body.put("nextPageToken", encode(page.getLast().internalDate() + ":" + page.getLast().seq()));
        }
        body.put("resultSizeEstimate", found.size());
        call.json(200, body);
    }

    static void get(HttpCall call, Mailbox mailbox, String id) throws IOException {
        StoredMessage m = mailbox.message(id).orElse(null);
        if (m == null) {
            call.error(Fault.notFound());
            return;
        }
        String format = call.param("format") == null ? "full" : call.param("format").toLowerCase();
        if (!format.equals("raw") && !format.equals("minimal")) {
            throw new IllegalArgumentException("format=" + format + " is not supported by the Gmail double (raw, minimal)");
        }
        ObjectNode body = summary(m);
        ArrayNode labels = body.putArray("labelIds");
        m.labelIds().forEach(labels::add);
        body.put("snippet", "").put("historyId", Long.toString(m.historyId()))
                .put("internalDate", Long.toString(m.internalDate())).put("sizeEstimate", m.raw().length);
        if (format.equals("raw")) {
            body.put("raw", Base64.getUrlEncoder().encodeToString(m.raw()));
        }
        call.json(200, body);
    }

    static ObjectNode summary(StoredMessage m) {
        return HttpCall.object().put("id", m.id()).put("threadId", m.threadId());
    }

    private static int pageSize(HttpCall call) {
        String max = call.param("maxResults");
        return max == null ? DEFAULT_PAGE : (int) Math.min(MAX_PAGE, Math.max(1, number(max, "maxResults")));
    }

    private static long number(String value, String name) {
        if (value == null || !value.matches("-?[0-9]{1,19}")) {
            throw new IllegalArgumentException("Invalid value for " + name + ": " + value);
        }
        return Long.parseLong(value);
    }

    private static String encode(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.US_ASCII));
    }

    private static String decode(String token) {
        return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    }
}
