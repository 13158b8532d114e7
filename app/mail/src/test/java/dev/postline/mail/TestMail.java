package dev.postline.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds raw test messages; line ends become CRLF as on the wire. */
final class TestMail {

    private TestMail() {}

    static byte[] corpus(String name) {
        try (InputStream in = TestMail.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with LF line ends turned into CRLF, encoded as UTF-8. */
    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A minimal valid message with the given extra headers (each ending in a newline) and body. */
    static byte[] simple(String extraHeaders, String body) {
        return crlf("From: Customer <c@customer.example>\n"
                + "To: support@acme.example\n"
                + "Subject: test\n"
                + "Message-ID: <t-1@customer.example>\n"
                + extraHeaders
                + "\n"
                + body);
    }
}
