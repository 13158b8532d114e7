package dev.postline.connectors.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Realistic inbound mail every connector must carry unchanged: plain, HTML, multipart/alternative,
 * inline image, attachments, ISO-8859-1 (8bit) and Shift_JIS bodies, RFC 2047 subjects, a reply chain
 * of three and a message without Message-ID. The large attachment is generated, not committed.
 */
public final class MimeCorpus {

    /** Files under {@code corpus/}, in delivery order. */
    public static final List<String> FILES = List.of(
            "01-plain.eml", "02-html.eml", "03-alternative.eml", "04-inline-image.eml", "05-attachments.eml",
            "06-latin1.eml", "07-shift-jis.eml", "08-rfc2047.eml", "09-reply-chain-1.eml",
            "10-reply-chain-2.eml", "11-reply-chain-3.eml", "12-no-message-id.eml");

    public static final String LARGE_BOUNDARY = "large-boundary-tck";

    private MimeCorpus() {
    }

    public static byte[] load(String file) {
        try (InputStream in = MimeCorpus.class.getResourceAsStream("corpus/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<byte[]> all() {
        List<byte[]> all = new ArrayList<>();
        FILES.forEach(f -> all.add(load(f)));
        return all;
    }

    /**
     * A small message with a unique Message-ID {@code <tck-n@postline.test>}, padded to about
     * {@code padBytes} so transfers take long enough to be interrupted.
     */
    public static byte[] numbered(int n, int padBytes) {
        StringBuilder body = new StringBuilder("Numbered message ").append(n).append("\r\n");
        while (body.length() < padBytes) {
            body.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor ")
                    .append(n).append("\r\n");
        }
        return ("From: Customer " + n + " <customer" + n + "@customer.example>\r\n"
                + "To: support@acme.example\r\n"
                + "Subject: TCK message " + n + "\r\n"
                + "Date: Fri, 7 Nov 2025 10:00:00 +0000\r\n"
                + "Message-ID: <tck-" + n + "@postline.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** Deterministic pseudo-random bytes, incompressible like a real PDF or photo. */
    public static byte[] attachmentBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * A multipart/mixed message: part 0 is a text body, part 1 the base64 attachment {@code attachment}.
     */
    public static byte[] withAttachment(String messageId, String from, String to, byte[] attachment) {
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        return ("From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + "Subject: Large attachment\r\n"
                + "Date: Fri, 7 Nov 2025 11:00:00 +0000\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + LARGE_BOUNDARY + "\"\r\n\r\n"
                + "--" + LARGE_BOUNDARY + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "The scan you asked for is attached.\r\n\r\n"
                + "--" + LARGE_BOUNDARY + "\r\n"
                + "Content-Type: application/octet-stream; name=\"scan.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"scan.bin\"\r\n\r\n"
                + encoded + "\r\n"
                + "--" + LARGE_BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
