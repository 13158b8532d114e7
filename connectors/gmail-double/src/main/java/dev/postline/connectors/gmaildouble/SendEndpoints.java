package dev.postline.connectors.gmaildouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code users.messages.send}: the metadata endpoint (JSON {@code {raw, threadId}}) and the media upload
 * endpoint ({@code uploadType=media} with a {@code message/*} body, {@code uploadType=multipart} with a
 * JSON metadata part and the message, or {@code uploadType=resumable}, see {@link ResumableUploads}).
 * Request bodies may be gzip-compressed ({@link HttpCall#body(int)}).
 */
final class SendEndpoints {

    /** The upload limit of messages.send in the Gmail API reference (35 MB). */
    static final int MAX_UPLOAD_BYTES = 36_700_160;
    /** Room for a multipart upload's metadata part and framing around the message. */
    private static final int METADATA_ALLOWANCE = 64 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";]+)\"?");

    /** What a send does with an accepted message: store, deliver, answer the stored copy. */
    interface Outbox {
        StoredMessage send(String user, byte[] raw, String threadId);
    }

    private SendEndpoints() {
    }

    static void send(HttpCall call, String user, Outbox outbox) throws IOException {
        JsonNode request = HttpCall.JSON.readTree(call.body());
        String raw = request == null ? null : request.path("raw").asText(null);
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("'raw' RFC822 payload message string or uploading message via /upload/* URL required");
        }
        answer(call, outbox.send(user, decode(raw), threadId(request)));
    }

    static void upload(HttpCall call, String user, Outbox outbox, ResumableUploads resumable) throws IOException {
        String type = call.param("uploadType");
        if ("resumable".equals(type)) {
            if (call.method().equals("PUT")) {
                resumable.resume(call, user, outbox);
            } else {
                resumable.initiate(call, user);
            }
            return;
        }
        if (!call.method().equals("POST")) {
            throw new IllegalArgumentException("only resumable uploads continue with PUT");
        }
        String contentType = call.header("Content-Type") == null ? "" : call.header("Content-Type");
        byte[] body = call.body(MAX_UPLOAD_BYTES + METADATA_ALLOWANCE);
        if ("media".equals(type)) {
            requireMessageType(contentType);
            if (body.length > MAX_UPLOAD_BYTES) {
                call.error(tooLarge());
                return;
            }
            answer(call, outbox.send(user, body, null));
        } else if ("multipart".equals(type)) {
            Matcher boundary = BOUNDARY.matcher(contentType);
            if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related") || !boundary.find()) {
                throw new IllegalArgumentException("multipart uploads need Content-Type multipart/related with a boundary");
            }
            List<byte[]> parts = parts(body, boundary.group(1));
            if (parts.size() != 2) {
                throw new IllegalArgumentException("multipart upload needs a metadata part and a media part");
            }
            JsonNode metadata = HttpCall.JSON.readTree(content(parts.get(0)));
            requireMessageType(partHeader(parts.get(1), "Content-Type"));
            byte[] message = content(parts.get(1));
            if (message.length > MAX_UPLOAD_BYTES || body.length > MAX_UPLOAD_BYTES + METADATA_ALLOWANCE) {
                call.error(tooLarge());
                return;
            }
            answer(call, outbox.send(user, message, threadId(metadata)));
        } else {
            throw new IllegalArgumentException("uploadType " + type + " is not supported (media, multipart, resumable)");
        }
    }

    static Fault tooLarge() {
        return new Fault(413, "global", "uploadTooLarge", "Media larger than " + MAX_UPLOAD_BYTES + " bytes", null, null);
    }

    static void answer(HttpCall call, StoredMessage sent) throws IOException {
        ObjectNode body = ReadEndpoints.summary(sent);
        sent.labelIds().forEach(body.putArray("labelIds")::add);
        call.json(200, body);
    }

    private static String threadId(JsonNode node) {
        return node == null ? null : node.path("threadId").asText(null);
    }

    private static byte[] decode(String raw) {
        try {
            return Base64.getUrlDecoder().decode(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed");
        }
    }

    static void requireMessageType(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("message/")) {
            throw new IllegalArgumentException("Media type '" + contentType + "' is not supported. Valid media types: [message/*]");
        }
    }

    /** Parts between {@code --boundary} lines, each with its headers. */
    static List<byte[]> parts(byte[] body, String boundary) {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[body.length + 2];
        padded[0] = '\r';
        padded[1] = '\n';
        System.arraycopy(body, 0, padded, 2, body.length);
        List<byte[]> parts = new java.util.ArrayList<>();
        int at = indexOf(padded, delimiter, 0);
        while (at >= 0) {
            int start = indexOf(padded, "\r\n".getBytes(StandardCharsets.US_ASCII), at + delimiter.length);
            if (start < 0 || (padded.length > at + delimiter.length + 1 && padded[at + delimiter.length] == '-'
                    && padded[at + delimiter.length + 1] == '-')) {
                break;
            }
            int next = indexOf(padded, delimiter, start + 2);
            if (next < 0) {
                break;
            }
            parts.add(Arrays.copyOfRange(padded, start + 2, next));
            at = next;
        }
        return parts;
    }

    private static byte[] content(byte[] part) {
        int end = MimeHeaders.headerEnd(part);
        int skip = end < part.length && part[end] == '\r' ? 2 : 1;
        return end >= part.length ? new byte[0] : Arrays.copyOfRange(part, Math.min(part.length, end + skip), part.length);
    }

    private static String partHeader(byte[] part, String name) {
        return MimeHeaders.first(part, name).orElse(null);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
