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

    private static String unescape(String s) {
        return s.replace("\\r\\n", "\r\n");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
