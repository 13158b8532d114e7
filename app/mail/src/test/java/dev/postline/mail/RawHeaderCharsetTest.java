package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #13 item 5: raw 8-bit header text (no encoded words) once decoded to U+FFFD unless it was
 * UTF-8. Rule: valid UTF-8 is UTF-8 (RFC 6532); else the charset the message declares for its text
 * (the message's Content-Type, or its first text part's); else windows-1252. Swept over subjects
 * and display names in each encoding.
 */
class RawHeaderCharsetTest {

    private static final MessageParser PARSER = new MessageParser(MailLimits.DEFAULTS);

    /**
     * @param wire the charset the header bytes are written in
     * @param declared the charset the message declares for its text, or null for none
     * @param multipart whether the declaration sits on the first text part of a multipart/alternative
     */
    record Case(String label, String text, Charset wire, String declared, boolean multipart) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("UTF-8, nothing declared", "Grüße aus Zürich – 山田", StandardCharsets.UTF_8, null, false),
                new Case("UTF-8 wins over a declared ISO-8859-1", "Grüße aus Zürich", StandardCharsets.UTF_8, "iso-8859-1", false),
                new Case("ISO-8859-1 declared", "Réclamation Gâteau", StandardCharsets.ISO_8859_1, "ISO-8859-1", false),
                new Case("ISO-8859-1 declared quoted", "Réclamation Gâteau", StandardCharsets.ISO_8859_1, "\"iso-8859-1\"", false),
                new Case("ISO-8859-2 declared", "Łódź Żółć Gęś", Charset.forName("ISO-8859-2"), "iso-8859-2", false),
                new Case("windows-1251 declared", "Привет Мир", Charset.forName("windows-1251"), "windows-1251", false),
                new Case("KOI8-R declared", "Привет Мир", Charset.forName("KOI8-R"), "koi8-r", false),
                new Case("Shift_JIS declared", "配送について", Charset.forName("Shift_JIS"), "Shift_JIS", false),
                new Case("EUC-KR declared", "안녕하세요 고객님", Charset.forName("EUC-KR"), "euc-kr", false),
                new Case("GBK declared", "你好 客户", Charset.forName("GBK"), "gbk", false),
                new Case("ISO-8859-2 declared on the first text part", "Łódź Żółć Gęś", Charset.forName("ISO-8859-2"),
                        "iso-8859-2", true),
                new Case("windows-1252, nothing declared", "“Quote” costs €5 – Müller", Charset.forName("windows-1252"), null, false),
                new Case("ISO-8859-1, nothing declared", "Réclamation Gâteau", StandardCharsets.ISO_8859_1, null, false),
                new Case("ISO-8859-1 bytes, UTF-8 declared", "Réclamation Gâteau", StandardCharsets.ISO_8859_1, "utf-8", false),
                new Case("ISO-8859-1 bytes, unknown charset declared", "Réclamation Gâteau", StandardCharsets.ISO_8859_1,
                        "x-no-such-charset", false),
                new Case("ISO-8859-1 bytes, US-ASCII declared", "Réclamation Gâteau", StandardCharsets.ISO_8859_1, "us-ascii", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void subjectAndDisplayNameShouldDecodeInTheirCharset(Case c) throws Exception {
        ParsedMessage m = PARSER.parse(message(c));

        assertThat(m.subject()).isEqualTo("Re: " + c.text());
        assertThat(m.from()).contains(new MailAddress("kunde@customer.example", c.text()));
        assertThat(m.to()).containsExactly(new MailAddress("support@acme.example", "Support " + c.text()));
        // Raw UTF-8 is standard (RFC 6532); any other 8-bit header is a repair an admin can see.
        boolean repaired = !c.wire().equals(StandardCharsets.UTF_8);
        assertThat(m.warnings().stream().anyMatch(w -> w.startsWith("Subject: 8-bit text that is not UTF-8, decoded as ")))
                .isEqualTo(repaired);
    }

    static List<Arguments> notUtf8() {
        return cases().stream().filter(c -> !c.wire().equals(StandardCharsets.UTF_8)).map(Arguments::of).toList();
    }

    /** The sweep only proves the fallbacks if their bytes really are not UTF-8. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notUtf8")
    void fallbackCasesShouldNotBeValidUtf8(Case c) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(c.text().getBytes(c.wire())));
            throw new AssertionError(c.label() + " is valid UTF-8, so it tests nothing");
        } catch (CharacterCodingException expected) {
            // as it should be
        }
    }

    private static byte[] message(Case c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("From: " + c.text() + " <kunde@customer.example>\r\n").getBytes(c.wire()));
        out.writeBytes(("To: \"Support " + c.text() + "\" <support@acme.example>\r\n").getBytes(c.wire()));
        out.writeBytes(("Subject: Re: " + c.text() + "\r\n").getBytes(c.wire()));
        String charset = c.declared() == null ? "" : "; charset=" + c.declared();
        String body = "hello\r\n";
        String rest = c.multipart()
                ? "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain" + charset + "\r\n\r\n" + body
                        + "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hello</p>\r\n--b--\r\n"
                : "MIME-Version: 1.0\r\nContent-Type: text/plain" + charset + "\r\n\r\n" + body;
        out.writeBytes(rest.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
