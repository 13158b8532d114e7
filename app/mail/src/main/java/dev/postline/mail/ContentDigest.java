package dev.postline.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * What makes two copies "the same message": a SHA-256 over the Message-ID, the author and recipient
 * headers, the date, the subject and the body, as written by the sender. Headers added in transport
 * ({@code Received}, {@code Delivered-To}, {@code Return-Path}, {@code X-*}, …) are left out, because two
 * deliveries of one mail differ in them. Computed from the raw bytes, not from parsed values, so that a
 * change in how we parse addresses or decode words never makes an old copy look new.
 *
 * <p>Normalised only where transport legitimately differs: header folding and runs of white space, line
 * endings (CRLF or LF), and trailing white space at the end of the body.
 */
public final class ContentDigest {

    /** The sender's headers that identify a message; anything else may be added or rewritten on the way. */
    private static final List<String> KEY_HEADERS = List.of("message-id", "from", "sender", "to", "cc", "date", "subject");
    private static final Set<String> KEYS = Set.copyOf(KEY_HEADERS);

    private ContentDigest() {
    }

    /** Lower-case hex SHA-256 of the message's identifying content. */
    public static String of(byte[] raw) {
        List<List<String>> values = new ArrayList<>();
        KEY_HEADERS.forEach(name -> values.add(new ArrayList<>()));
        MessageDigest digest = sha256();
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE);
        stream.setRecursionMode(RecursionMode.M_FLAT);
        stream.parse(new ByteArrayInputStream(raw));
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state == EntityState.T_FIELD) {
                    Field field = stream.getField();
                    String name = field.getName().trim().toLowerCase(Locale.ROOT);
                    if (KEYS.contains(name)) {
                        values.get(KEY_HEADERS.indexOf(name)).add(value(field));
                    }
                } else if (state == EntityState.T_BODY) {
                    // The headers come first in the digest; the body is streamed after them.
                    digest.update(canonicalHeaders(values));
                    new NormalisedBody(digest).feed(stream.getInputStream());
                    return HexFormat.of().formatHex(digest.digest());
                }
            }
        } catch (IOException | MimeException e) {
            // Not parseable as MIME: the raw bytes are all there is to compare.
            return sha256(raw);
        }
        digest.update(canonicalHeaders(values)); // no body at all
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] canonicalHeaders(List<List<String>> values) {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        for (int i = 0; i < KEY_HEADERS.size(); i++) {
            for (String value : values.get(i)) {
                canonical.writeBytes((KEY_HEADERS.get(i) + ":" + value + "\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        canonical.write('\n');
        return canonical.toByteArray();
    }

    /** The field's value from its raw bytes (8-bit kept as is), unfolded, white space collapsed. */
    private static String value(Field field) {
        String raw = field.getRaw() == null ? field.getBody()
                : new String(field.getRaw().toByteArray(), StandardCharsets.ISO_8859_1);
        int colon = raw.indexOf(':');
        String value = field.getRaw() == null || colon < 0 ? raw : raw.substring(colon + 1);
        return value.replaceAll("[ \\t\\r\\n]+", " ").strip();
    }

    /**
     * Feeds the body with CRLF as LF and without trailing white space, read in chunks (no copy of the
     * whole body: this runs over every byte of every ingested message). Each chunk is fed up to its last
     * byte that is not white space; the white space after it is held until more text follows (then it
     * is fed too) or the body ends (then it is trailing, and left out). A CR is fed only once the next
     * byte is known not to be an LF. Both buffers are the digest's own, so they are compacted in place.
     */
    private static final class NormalisedBody {

        private final MessageDigest digest;
        private byte[] pending = new byte[64]; // white space after the last text fed
        private int pendingLength;
        private boolean heldCr; // a CR that ended the last segment fed: dropped if an LF comes next

        NormalisedBody(MessageDigest digest) {
            this.digest = digest;
        }

        void feed(java.io.InputStream body) throws IOException {
            byte[] chunk = new byte[16 * 1024];
            for (int n = body.readNBytes(chunk, 0, chunk.length); n > 0; n = body.readNBytes(chunk, 0, chunk.length)) {
                int text = n;
                while (text > 0 && isWhiteSpace(chunk[text - 1])) {
                    text--;
                }
                if (text > 0) {
                    withLfLineEnds(pending, pendingLength);
                    pendingLength = 0;
                    withLfLineEnds(chunk, text);
                }
                hold(chunk, text, n - text);
            }
        }

        /**
         * Feeds {@code bytes[0..length)} with every CR that precedes an LF left out: compacted in place and
         * fed in one update (one update per line cost more in its argument checks than in hashing).
         */
        private void withLfLineEnds(byte[] bytes, int length) {
            if (length == 0) {
                return;
            }
            if (heldCr) {
                heldCr = false;
                if (bytes[0] != '\n') {
                    digest.update((byte) '\r');
                }
            }
            int kept = 0;
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b == '\r') {
                    if (i + 1 == length) {
                        heldCr = true; // the next segment tells whether an LF follows
                        break;
                    }
                    if (bytes[i + 1] == '\n') {
                        continue;
                    }
                }
                bytes[kept++] = b;
            }
            digest.update(bytes, 0, kept);
        }

        private void hold(byte[] bytes, int from, int length) {
            if (pendingLength + length > pending.length) {
                pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
            }
            System.arraycopy(bytes, from, pending, pendingLength, length);
            pendingLength += length;
        }

        private static boolean isWhiteSpace(byte b) {
            return b == '\n' || b == ' ' || b == '\t' || b == '\r';
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
