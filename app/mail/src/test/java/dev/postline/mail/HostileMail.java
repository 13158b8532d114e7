package dev.postline.mail;

import java.nio.charset.StandardCharsets;

/** Generates the large hostile messages of the bad input corpus, so no big file is committed. */
final class HostileMail {

    private static final String HEAD = "From: c@customer.example\r\nTo: support@acme.example\r\nSubject: hostile\r\n";

    private HostileMail() {}

    /** Multiparts nested {@code levels} deep around one text part. */
    static byte[] nested(int levels) {
        StringBuilder sb = new StringBuilder(HEAD);
        for (int i = 0; i < levels; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        sb.append("Content-Type: text/plain\r\n\r\ndeep\r\n");
        for (int i = levels - 1; i >= 0; i--) {
            sb.append("--b").append(i).append("--\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One multipart with {@code parts} tiny text parts. */
    static byte[] manyParts(int parts) {
        StringBuilder sb = new StringBuilder(HEAD).append("Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (int i = 0; i < parts; i++) {
            sb.append("--p\r\nContent-Type: text/plain\r\n\r\n").append(i).append("\r\n");
        }
        return sb.append("--p--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A header field of {@code length} bytes on one line. */
    static byte[] longHeaderLine(int length) {
        StringBuilder sb = new StringBuilder(length + 200).append(HEAD).append("X-Long: ");
        sb.repeat('a', length);
        return sb.append("\r\n\r\nbody\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A To: header with {@code count} addresses, folded over {@code fields} To: fields. */
    static byte[] manyRecipients(int count, int fields) {
        StringBuilder sb = new StringBuilder("From: c@customer.example\r\nSubject: many\r\n");
        int perField = count / fields;
        for (int f = 0; f < fields; f++) {
            sb.append("To: ");
            for (int i = 0; i < perField; i++) {
                sb.append(i == 0 ? "" : ",\r\n ").append("u").append(f * perField + i).append("@example.com");
            }
            sb.append("\r\n");
        }
        return sb.append("\r\nbody\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
