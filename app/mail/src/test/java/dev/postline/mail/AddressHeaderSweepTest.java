package dev.postline.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #13 item 1: a raw 8-bit display name (RFC 6532) once cut the address behind it short —
 * {@code José Müller <jose.mueller@example.com>} became {@code jose.mueller@example.co} and a reply
 * went there. Swept over every address header and every way a name can be written: raw UTF-8
 * (Latin, CJK, 4-byte), raw Latin-1, encoded words, quoted strings, comments and groups.
 */
class AddressHeaderSweepTest {

    private static final MessageParser PARSER = new MessageParser(MailLimits.DEFAULTS);

    /** How a header value is written, the bytes it is sent in, and the mailboxes it must yield. */
    record Form(String label, String value, Charset wire, List<MailAddress> expected) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
    private static final Charset UTF_8 = StandardCharsets.UTF_8;

    static List<Form> forms() {
        MailAddress jose = new MailAddress("jose.mueller@example.com", "José Müller");
        MailAddress yamada = new MailAddress("yamada@example.jp", "山田太郎");
        return List.of(
                new Form("raw UTF-8 Latin name", "José Müller <jose.mueller@example.com>", UTF_8, List.of(jose)),
                new Form("raw UTF-8 CJK name", "山田太郎 <yamada@example.jp>", UTF_8, List.of(yamada)),
                new Form("raw UTF-8 long CJK name, short address", "山田太郎山田太郎山田太郎山田太郎 <y@example.jp>", UTF_8,
                        List.of(new MailAddress("y@example.jp", "山田太郎山田太郎山田太郎山田太郎"))),
                new Form("raw UTF-8 4-byte characters", "Zoë 🎉 <zoe@example.org>", UTF_8,
                        List.of(new MailAddress("zoe@example.org", "Zoë 🎉"))),
                new Form("raw UTF-8 quoted name with comma", "\"Müller, José\" <jose.mueller@example.com>", UTF_8,
                        List.of(new MailAddress("jose.mueller@example.com", "Müller, José"))),
                new Form("raw Latin-1 name", "José Müller <jose.mueller@example.com>", LATIN_1, List.of(jose)),
                new Form("raw Latin-1 quoted name", "\"Müller, José\" <jose.mueller@example.com>", LATIN_1,
                        List.of(new MailAddress("jose.mueller@example.com", "Müller, José"))),
                new Form("encoded word Q", "=?UTF-8?Q?Jos=C3=A9_M=C3=BCller?= <jose.mueller@example.com>", UTF_8, List.of(jose)),
                new Form("encoded word B", "=?UTF-8?B?5bGx55Sw5aSq6YOO?= <yamada@example.jp>", UTF_8, List.of(yamada)),
                new Form("raw UTF-8 name and comment", "山田太郎 (営業部) <yamada@example.jp>", UTF_8, List.of(yamada)),
                new Form("raw UTF-8 comment after a bare address", "jose.mueller@example.com (José Müller)", UTF_8,
                        List.of(new MailAddress("jose.mueller@example.com", ""))),
                new Form("raw UTF-8 list of two", "José Müller <jose.mueller@example.com>, 山田太郎 <yamada@example.jp>", UTF_8,
                        List.of(jose, yamada)),
                new Form("raw UTF-8 group", "Kunden Ü: José Müller <jose.mueller@example.com>, 山田太郎 <yamada@example.jp>;", UTF_8,
                        List.of(jose, yamada)),
                new Form("raw UTF-8 address (SMTPUTF8)", "Jürgen <jürgen@bücher.example>", UTF_8,
                        List.of(new MailAddress("jürgen@bücher.example", "Jürgen"))));
    }

    /** The headers {@link ParsedMessage} reports, and how to read each back. */
    static List<Arguments> reportedHeaders() {
        List<Arguments> headers = List.of(
                Arguments.of("From", (Function<ParsedMessage, List<MailAddress>>) m -> m.from().stream().toList()),
                Arguments.of("Sender", (Function<ParsedMessage, List<MailAddress>>) m -> m.sender().stream().toList()),
                Arguments.of("Reply-To", (Function<ParsedMessage, List<MailAddress>>) ParsedMessage::replyTo),
                Arguments.of("To", (Function<ParsedMessage, List<MailAddress>>) ParsedMessage::to),
                Arguments.of("Cc", (Function<ParsedMessage, List<MailAddress>>) ParsedMessage::cc));
        return headers;
    }

    static Stream<Arguments> reportedHeaderCases() {
        return reportedHeaders().stream().flatMap(h -> forms().stream().map(f -> Arguments.of(h.get()[0], h.get()[1], f)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("reportedHeaderCases")
    void everyReportedAddressHeaderShouldKeepTheWholeAddressAndName(String header, Function<ParsedMessage, List<MailAddress>> read,
                                                                    Form form) throws Exception {
        ParsedMessage m = PARSER.parse(message(header, form));

        // From and Sender hold one mailbox: the first.
        List<MailAddress> expected = header.equals("From") || header.equals("Sender") ? form.expected().subList(0, 1) : form.expected();
        assertThat(read.apply(m)).containsExactlyElementsOf(expected);
        assertThat(m.warnings()).noneSatisfy(w -> assertThat(w).contains("invalid address"));
    }

    static Stream<Arguments> everyAddressHeaderCase() {
        return AddressCounter.ADDRESS_HEADERS.stream().sorted()
                .flatMap(h -> forms().stream().map(f -> Arguments.of(h, f)));
    }

    /** Bcc and Resent-* are not in {@link ParsedMessage}; the header section and address parser they would use are swept here. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyAddressHeaderCase")
    void everyAddressHeaderShouldKeepTheWholeAddressAndName(String header, Form form) throws Exception {
        HeaderSection section = topSection(message(header, form));
        Warnings warnings = new Warnings();

        assertThat(Addresses.parse(section.all(header), header, warnings)).containsExactlyElementsOf(form.expected());
        assertThat(warnings.toList()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("returnPaths")
    void returnPathShouldBeKeptWhole(String label, String value, String expected) throws Exception {
        byte[] raw = concat(bytes("Return-Path: " + value + "\r\n", UTF_8), message("To", forms().getFirst()));

        assertThat(PARSER.parse(raw).automation().returnPath()).contains(expected);
    }

    static List<Arguments> returnPaths() {
        return List.of(
                Arguments.of("ASCII", "<jose.mueller@example.com>", "jose.mueller@example.com"),
                Arguments.of("raw UTF-8 (SMTPUTF8)", "<jürgen@bücher.example>", "jürgen@bücher.example"),
                Arguments.of("raw UTF-8 CJK", "<山田@例え.jp>", "山田@例え.jp"));
    }

    private static byte[] message(String header, Form form) {
        String from = header.equalsIgnoreCase("From") ? "" : "From: c@customer.example\r\n";
        return concat(bytes(from, UTF_8), bytes(header + ": " + form.value() + "\r\n", form.wire()),
                bytes("Subject: test\r\nMessage-ID: <sweep@customer.example>\r\n\r\nhello\r\n", UTF_8));
    }

    private static HeaderSection topSection(byte[] raw) throws Exception {
        MimeTokenStream stream = new MimeTokenStream();
        stream.parse(new ByteArrayInputStream(raw));
        List<Field> fields = new ArrayList<>();
        for (EntityState s = stream.getState(); s != EntityState.T_END_HEADER; s = stream.next()) {
            if (s == EntityState.T_FIELD) {
                fields.add(stream.getField());
            }
        }
        return new HeaderSection(fields);
    }

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
