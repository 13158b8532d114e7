package dev.postline.connectors.tck;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Just enough RFC 5322/MIME reading for the contracts, so the kit needs no mail library: header
 * lookup, the body section, and the parts of a multipart body by boundary.
 */
public final class RawMessage {

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private RawMessage() {
    }

    /** The bytes after the header block; what must survive any transport unchanged. */
    public static byte[] body(byte[] raw) {
        int end = indexOf(raw, HEADER_END, 0);
        return end < 0 ? new byte[0] : Arrays.copyOfRange(raw, end + HEADER_END.length, raw.length);
    }

    /** The unfolded value of the first header called {@code name} (case-insensitive). */
    public static Optional<String> header(byte[] raw, String name) {
        int end = indexOf(raw, HEADER_END, 0);
        String block = new String(raw, 0, end < 0 ? raw.length : end, StandardCharsets.ISO_8859_1)
                .replaceAll("\r\n[ \t]+", " ");
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    public static Optional<String> messageId(byte[] raw) {
        return header(raw, "Message-ID");
    }

    /** The parts (headers and body, boundary lines excluded) of a multipart body. */
    public static List<byte[]> parts(byte[] raw, String boundary) {
        byte[] body = body(raw);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> parts = new ArrayList<>();
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int contentStart = indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), start) + 2;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), contentStart);
            if (next < 0 || isClosing(body, start + delimiter.length)) {
                break;
            }
            parts.add(Arrays.copyOfRange(body, contentStart, next));
            start = next + 2;
        }
        return parts;
    }

    /** Decodes a base64-encoded part as produced by {@link #parts}. */
    public static byte[] decodeBase64Part(byte[] part) {
        return Base64.getMimeDecoder().decode(body(part));
    }

    private static boolean isClosing(byte[] body, int afterDelimiter) {
        return afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-';
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
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
