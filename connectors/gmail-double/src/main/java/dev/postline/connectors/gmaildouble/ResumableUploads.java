package dev.postline.connectors.gmaildouble;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resumable protocol of {@code /upload/gmail/v1/users/{userId}/messages/send?uploadType=resumable}, as the
 * Gmail API's upload guide describes it (and as Google's Java client uses it by default):
 * <ol>
 *   <li>{@code POST …?uploadType=resumable} with the JSON metadata (e.g. {@code threadId}) as body and
 *       {@code X-Upload-Content-Type} / {@code X-Upload-Content-Length} naming the message to come; the answer is
 *       {@code 200} with the session URI in {@code Location};</li>
 *   <li>{@code PUT <session URI>} with the message, whole or in chunks ({@code Content-Range: bytes a-b/total});
 *       {@code 308 Resume Incomplete} with {@code Range: bytes=0-n} until the last byte, then {@code 200} with the
 *       sent message; {@code Content-Range: bytes *}{@code /total} with no body asks how far the upload got.</li>
 * </ol>
 * A chunk that does not start where the received bytes end is not taken; the 308 tells the client where to
 * resume. Sessions never expire here.
 */
final class ResumableUploads {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");

    private record Session(String user, String threadId, long declaredLength, ByteArrayOutputStream received) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** Step 1: opens a session for {@code user} and answers its URI. */
    void initiate(HttpCall call, String user) throws IOException {
        String type = call.header("X-Upload-Content-Type");
        if (type != null) {
            SendEndpoints.requireMessageType(type);
        }
        long length = call.header("X-Upload-Content-Length") == null ? -1
                : Long.parseLong(requireDigits(call.header("X-Upload-Content-Length"), "X-Upload-Content-Length"));
        if (length > SendEndpoints.MAX_UPLOAD_BYTES) {
            call.error(SendEndpoints.tooLarge());
            return;
        }
        byte[] metadata = call.body(64 * 1024);
        JsonNode json = metadata.length == 0 ? null : HttpCall.JSON.readTree(metadata);
        String id = UUID.randomUUID().toString().replace("-", "");
        sessions.put(id, new Session(user, json == null ? null : json.path("threadId").asText(null), length,
                new ByteArrayOutputStream()));
        String host = call.header("Host");
        call.empty(200, Map.of("Location", "http://" + host + call.path() + "?uploadType=resumable&upload_id=" + id));
    }

    /** Step 2: takes (part of) the message; sends it once the last byte is in. */
    void resume(HttpCall call, String user, SendEndpoints.Outbox outbox) throws IOException {
        Session session = sessions.get(String.valueOf(call.param("upload_id")));
        if (session == null || !session.user().equals(user)) {
            call.error(Fault.notFound());
            return;
        }
        byte[] bytes = call.body(SendEndpoints.MAX_UPLOAD_BYTES);
        String range = call.header("Content-Range");
        long total = session.declaredLength();
        synchronized (session) {
            long have = session.received().size();
            if (range == null) { // the whole message in one PUT
                if (have > 0) {
                    throw new IllegalArgumentException("this upload has bytes already: send the rest with Content-Range");
                }
                session.received().writeBytes(bytes);
                total = bytes.length;
            } else {
                Matcher m = CONTENT_RANGE.matcher(range.trim());
                if (!m.matches()) {
                    throw new IllegalArgumentException("Content-Range must be 'bytes a-b/total' or 'bytes */total'");
                }
                total = "*".equals(m.group(3)) ? total : Long.parseLong(m.group(3));
                if (m.group(1) != null && Long.parseLong(m.group(1)) == have) {
                    if (Long.parseLong(m.group(2)) - have + 1 != bytes.length) {
                        throw new IllegalArgumentException("Content-Range " + range + " does not match the " + bytes.length + " bytes sent");
                    }
                    session.received().writeBytes(bytes);
                }
            }
            if (session.received().size() > SendEndpoints.MAX_UPLOAD_BYTES) {
                sessions.remove(call.param("upload_id"));
                call.error(SendEndpoints.tooLarge());
                return;
            }
            if (total < 0 || session.received().size() < total) {
                long got = session.received().size();
                call.empty(308, got == 0 ? Map.of() : Map.of("Range", "bytes=0-" + (got - 1)));
                return;
            }
            sessions.remove(call.param("upload_id"));
            SendEndpoints.answer(call, outbox.send(user, session.received().toByteArray(), session.threadId()));
        }
    }

    private static String requireDigits(String value, String name) {
        if (!value.trim().matches("[0-9]{1,12}")) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value);
        }
        return value.trim();
    }
}
