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
        byte[] body = new byte[0];
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
                    body = stream.getInputStream().readAllBytes();
                    break;
                }
            }
        } catch (IOException | MimeException e) {
            // Not parseable as MIME: the raw bytes are all there is to compare.
            return sha256(raw);
        }
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        for (int i = 0; i < KEY_HEADERS.size(); i++) {
            for (String value : values.get(i)) {
                canonical.writeBytes((KEY_HEADERS.get(i) + ":" + value + "\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        canonical.write('\n');
        MessageDigest digest = sha256();
        digest.update(canonical.toByteArray());
        updateWithNormalisedBody(digest, body);
        return HexFormat.of().formatHex(digest.digest());
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
     * Feeds the body with CRLF as LF and without trailing white space, straight from the array in runs
     * (no copy, no per-byte write: this runs over every byte of every ingested message).
     */
    private static void updateWithNormalisedBody(MessageDigest digest, byte[] body) {
        int end = body.length;
        while (end > 0 && (body[end - 1] == '\n' || body[end - 1] == ' ' || body[end - 1] == '\t' || body[end - 1] == '\r')) {
            end--;
        }
        int from = 0;
        for (int i = 0; i < end; i++) {
            if (body[i] == '\r' && i + 1 < body.length && body[i + 1] == '\n') {
                digest.update(body, from, i - from);
                from = i + 1;
            }
        }
        digest.update(body, from, end - from);
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
