package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two copies are "the same message" when the sender's key headers and the body match; transport does not count. */
class ContentDigestTest {

    static final String MAIL = "Received: from mx1.example by mx.example; Mon, 23 Nov 2026 10:00:01 +0000\r\n"
            + "From: José <jose@customer.example>\r\nTo: support@acme.example\r\nCc: boss@customer.example\r\n"
            + "Subject: Order 4711\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <a@customer.example>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nWhere is my order?\r\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another Received header               | Received: from mx1.example      | Received: from mx9.example      | true
            another Delivered-To header           | MIME-Version: 1.0               | Delivered-To: x@acme.example\\r\\nMIME-Version: 1.0 | true
            an X- header added                    | MIME-Version: 1.0               | X-Spam: yes\\r\\nMIME-Version: 1.0 | true
            a folded subject                      | Subject: Order 4711             | Subject: Order\\r\\n 4711       | true
            trailing blank lines                  | Where is my order?\\r\\n        | Where is my order?\\r\\n\\r\\n  | true
            another body                          | Where is my order?              | Where is my invoice?            | false
            another subject                       | Subject: Order 4711             | Subject: Order 4712             | false
            another sender                        | jose@customer.example           | josef@customer.example          | false
            another 8-bit display name            | José                            | Josè                            | false
            another recipient                     | To: support@acme.example        | To: sales@acme.example          | false
            another cc                            | Cc: boss@customer.example       | Cc: team@customer.example       | false
            another date                          | 10:00:00 +0000                  | 10:05:00 +0000                  | false
            another Message-ID                    | <a@customer.example>            | <b@customer.example>            | false
            """)
    void copiesAreTheSameMessageOnlyWhenSenderHeadersAndBodyMatch(String change, String from, String to, boolean same) {
        String other = MAIL.replace(unescape(from), unescape(to));
        assertThat(other).as("the change applies").isNotEqualTo(MAIL);

        assertThat(ContentDigest.of(bytes(other)).equals(ContentDigest.of(bytes(MAIL)))).as(change).isEqualTo(same);
    }

    @ParameterizedTest(name = "line endings {0}")
    @CsvSource({"LF", "CRLF"})
    void lineEndingsDoNotMatter(String endings) {
        String copy = endings.equals("LF") ? MAIL.replace("\r\n", "\n") : MAIL;
        assertThat(ContentDigest.of(bytes(copy))).isEqualTo(ContentDigest.of(bytes(MAIL)));
    }

    private static String bigBody() {
        StringBuilder b = new StringBuilder("From: a@example.org\r\nSubject: big\r\nMessage-ID: <big@example.org>\r\n\r\n");
        for (int i = 0; i < 3000; i++) {
            b.append("line ").append(i).append(" ".repeat(i % 7)).append(i % 5 == 0 ? "\n" : "\r\n");
        }
        b.append(" ".repeat(20000)).append("after a long run of spaces\r\r\n");
        b.append("end\r\n \t\r\n\r\n");
        return b.toString();
    }

    private static String unescape(String s) {
        return s.replace("\\r\\n", "\r\n");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Digests are stored (dedupe keys of every message already ingested): a faster implementation must give
     * the very same values. These were computed by the version before issue #14's rewrite of the body pass.
     */
    @org.junit.jupiter.api.Test
    void digestsStayWhatEarlierVersionsStored() {
        java.util.Map<String, String> golden = java.util.Map.of(
                "From: A <a@example.org>\r\nTo: b@example.org\r\nSubject: Hi\r\nMessage-ID: <x1@example.org>\r\n"
                        + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\n\r\nLine one\r\nLine two\r\n\r\n  \r\n",
                "5da2f7884b02f57b33e182fe8b8fc01dd84f26fe07879d07cd223b5d74adf911",
                "From: a@example.org\nSubject: lf only\n\nbody\rwith lone CR\nand more\n\n",
                "25eeded6e68aaa6347d7fe066574bac2252f64db5f784d009241706673c78860",
                "From: a@example.org\r\nSubject: multipart\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                        + "Content-Type: text/plain\r\n\r\nhello\r\n--b--\r\n\t \r\n",
                "f1ae8f0b657fbb776d38e16c4164aa45ccc37cf881764eef8991f058ddf9c4b8",
                "Subject: empty body\r\n\r\n",
                "abe6b7aecb3cea4bd4f58012b17844c2ac1fbbd62614bef225f5fc17979c3aaf");
        golden = new java.util.HashMap<>(golden);
        // Longer than the digest's read chunks, with CRLF, LF, a lone CR and a 20,000-space run inside.
        golden.put(bigBody(), "ea695cd78d09a8cdf5534de2de7401cdd13402235697ac446b6872c21b757e6a");
        golden.forEach((raw, digest) -> org.assertj.core.api.Assertions.assertThat(
                ContentDigest.of(raw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).as(raw).isEqualTo(digest));
    }
}
