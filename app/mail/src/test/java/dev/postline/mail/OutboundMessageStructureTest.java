package dev.postline.mail;

import static dev.postline.mail.RawMail.ascii;
import static dev.postline.mail.RawMail.assertCrlfOnly;
import static dev.postline.mail.RawMail.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** MIME structure, encodings and line rules of built messages, checked by parsing them back. */
class OutboundMessageStructureTest {

    private final MessageParser parser = new MessageParser(MailLimits.DEFAULTS);

    @Test
    void htmlWithTextShouldBeAlternativeWithTextFirst() throws Exception {
        Drafts d = Drafts.reply();
        d.html = Optional.of("<p>Hello <b>María</b>, € 49.90</p>");

        byte[] raw = d.build();
        ParsedMessage m = parser.parse(raw);

        assertThat(m.mimeType()).isEqualTo("multipart/alternative");
        assertThat(m.textBody()).contains(d.text.get());
        assertThat(m.htmlBody()).contains(d.html.get());
        assertThat(ascii(raw).indexOf("text/plain")).isLessThan(ascii(raw).indexOf("text/html"));
    }

    @Test
    void inlineImagesShouldBeRelatedAroundHtmlAndAttachmentsMixedOutermost() throws Exception {
        Drafts d = Drafts.reply();
        d.html = Optional.of("<p>Hello</p><img src=\"cid:logo.1@acme.example\">");
        byte[] logo = randomBytes(3_000, 1);
        byte[] pdf = randomBytes(100_000, 2);
        d.inlineImages = List.of(OutboundPart.inline("logo.1@acme.example", "logo.png", "image/png", logo));
        d.attachments = List.of(OutboundPart.attachment("Verträge € 2025.pdf", "application/pdf", pdf),
                OutboundPart.attachment("notes.txt", "text/plain", "no newline at end\r".getBytes(StandardCharsets.UTF_8)));

        byte[] raw = d.build();
        ParsedMessage m = parser.parse(raw);
        String s = ascii(raw);

        assertThat(m.mimeType()).isEqualTo("multipart/mixed");
        assertThat(s.indexOf("multipart/mixed")).isLessThan(s.indexOf("multipart/alternative"));
        assertThat(s.indexOf("multipart/alternative")).isLessThan(s.indexOf("multipart/related"));
        assertThat(s.indexOf("multipart/related")).isLessThan(s.indexOf("text/html"));
        assertThat(m.htmlBody()).contains(d.html.get());
        Attachment image = m.attachmentByContentId("logo.1@acme.example").orElseThrow();
        assertThat(image.inline()).isTrue();
        assertThat(image.content()).isEqualTo(logo);
        assertThat(m.attachments()).filteredOn(a -> !a.inline())
                .extracting(Attachment::fileName, Attachment::contentType, Attachment::content)
                .containsExactly(
                        tuple("Verträge € 2025.pdf", "application/pdf", pdf),
                        tuple("notes.txt", "text/plain", d.attachments.get(1).content()));
        assertThat(s).contains("filename*=UTF-8''Vertr%C3%A4ge%20%E2%82%AC%202025.pdf");
    }

    @Test
    void longNonAsciiFileNameShouldUseRfc2231ContinuationsAndRoundTrip() throws Exception {
        Drafts d = Drafts.reply();
        String name = "Ångström-Übersicht ".repeat(9) + "最终版.xlsx";
        d.attachments = List.of(OutboundPart.attachment(name, "application/vnd.ms-excel", new byte[] {1, 2, 3}));

        byte[] raw = d.build();

        assertThat(ascii(raw)).contains("filename*0*=UTF-8''", "filename*1*=");
        assertThat(parser.parse(raw).attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo(name);
            assertThat(a.content()).containsExactly(1, 2, 3);
        });
    }

    @Test
    void outputShouldBeSevenBitWithCrlfLineEndsOnly() throws Exception {
        Drafts d = Drafts.reply();
        d.text = Optional.of("unix\nmac\rwindows\r\nmixed\n\r\nend ü");
        d.html = Optional.of("<p>line\none</p>\r<p>two</p>");
        d.attachments = List.of(OutboundPart.attachment("bare.bin", "application/octet-stream", "a\nb\rc".getBytes(StandardCharsets.US_ASCII)));

        byte[] raw = d.build();
        ParsedMessage m = parser.parse(raw);

        assertCrlfOnly(raw);
        for (byte b : raw) {
            assertThat(b).isNotNegative();
        }
        assertThat(m.textBody()).contains("unix\nmac\nwindows\nmixed\n\nend ü");
        assertThat(m.attachments().get(0).content()).isEqualTo(d.attachments.get(0).content());
    }

    @Test
    void longLinesShouldBeWrappedAndRestoredExactly() throws Exception {
        Drafts d = Drafts.reply();
        d.text = Optional.of("x".repeat(5_000) + "\n" + "word ".repeat(1_000) + "\n.\nFrom here\n");
        d.html = Optional.of("<div>" + "<span>ä</span>".repeat(2_000) + "</div>");
        d.subject = "Subject ".repeat(60) + "x".repeat(300);
        d.to = IntStream.range(0, 60).mapToObj(i -> new MailAddress("customer" + i + "@customer.example", "Customer Number " + i)).toList();

        byte[] raw = d.build();
        ParsedMessage m = parser.parse(raw);

        assertCrlfOnly(raw);
        for (String line : ascii(raw).split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
        }
        assertThat(m.textBody()).contains(d.text.get());
        assertThat(m.htmlBody()).contains(d.html.get());
        assertThat(m.subject()).isEqualTo(d.subject);
        assertThat(m.to()).containsExactlyElementsOf(d.to);
    }

    @Test
    void mostlyNonAsciiTextShouldBeBase64AndBoundaryLookalikesShouldNotBeSent7bit() throws Exception {
        Drafts d = Drafts.reply();
        d.text = Optional.of("您好，您的订单已经发货了。谢谢！\n");
        d.html = Optional.of("<pre>\n--=_pl1_000000000000000000000000--\n</pre>");
        d.attachments = List.of(OutboundPart.attachment("a.txt", "text/plain", new byte[] {'x'}));

        byte[] raw = d.build();
        ParsedMessage m = parser.parse(raw);

        assertThat(ascii(raw)).contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n",
                "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n");
        assertThat(m.textBody()).contains(d.text.get());
        assertThat(m.htmlBody()).contains(d.html.get());
        assertThat(m.attachments()).hasSize(1);
    }
}
