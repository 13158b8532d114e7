package dev.postline.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Serialises a MIME entity tree with CRLF line ends. Boundaries are derived from the Message-ID,
 * so the same draft always gives the same bytes (a retried send is byte-identical), and start
 * with {@code =_}, which no encoded body can contain (see {@link BodyEncoding}).
 */
final class MimeWriter {

    /** A node of the tree: a leaf part or a multipart. */
    sealed interface Entity permits Leaf, Multipart {}

    /** A leaf: its folded header fields (each ending in CRLF) and its encoded body. */
    record Leaf(List<String> headers, byte[] body) implements Entity {}

    /** {@code multipart/subtype} with its parts in order. */
    record Multipart(String subtype, List<Entity> parts) implements Entity {}

    private final String seed;
    private int multipartCount;

    MimeWriter(String messageId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            this.seed = HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Writes the entity's own header fields, the blank line and the body; a multipart ends with its close delimiter, no CRLF. */
    void write(Entity entity, ByteArrayOutputStream out) {
        switch (entity) {
            case Leaf leaf -> {
                leaf.headers().forEach(h -> ascii(h, out));
                ascii("\r\n", out);
                out.writeBytes(leaf.body());
            }
            case Multipart multipart -> {
                String boundary = "=_pl" + ++multipartCount + "_" + seed;
                ascii("Content-Type: multipart/" + multipart.subtype() + ";\r\n boundary=\"" + boundary + "\"\r\n\r\n", out);
                for (Entity part : multipart.parts()) {
                    ascii("--" + boundary + "\r\n", out);
                    write(part, out);
                    ascii("\r\n", out);
                }
                ascii("--" + boundary + "--", out);
            }
        }
    }

    private static void ascii(String s, ByteArrayOutputStream out) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
