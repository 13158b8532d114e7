package dev.postline.mail;

import static dev.postline.mail.TestMail.corpus;
import static dev.postline.mail.TestMail.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    private final MessageParser parser = new MessageParser(MailLimits.DEFAULTS);

    @Test
    void plainMessageShouldYieldAddressesIdsDateAndText() throws Exception {
        ParsedMessage m = parser.parse(corpus("01-plain.eml"));

        assertThat(m.messageId()).contains("plain-1@customer.example");
        assertThat(m.from()).contains(new MailAddress("maria.lopez@customer.example", "Maria Lopez"));
        assertThat(m.to()).containsExactly(new MailAddress("support@acme.example", "Support"));
        assertThat(m.subject()).isEqualTo("Order 4711 has not arrived");
        assertThat(m.date()).contains(Instant.parse("2025-11-03T08:14:02Z"));
        assertThat(m.textBody()).hasValueSatisfying(t -> assertThat(t).startsWith("Hello,\n\nI ordered a kettle"));
        assertThat(m.htmlBody()).isEmpty();
        assertThat(m.attachments()).isEmpty();
        assertThat(m.automation().returnPath()).contains("maria.lopez@customer.example");
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void htmlOnlyMessageShouldDecodeQuotedPrintableUtf8() throws Exception {
        ParsedMessage m = parser.parse(corpus("02-html.eml"));

        assertThat(m.textBody()).isEmpty();
        assertThat(m.htmlBody()).hasValueSatisfying(h -> assertThat(h).contains("€ 49.90 but I was quoted € 39.90"));
    }

    @Test
    void alternativeShouldYieldBothBodies() throws Exception {
        ParsedMessage m = parser.parse(corpus("03-alternative.eml"));

        assertThat(m.mimeType()).isEqualTo("multipart/alternative");
        assertThat(m.textBody()).hasValueSatisfying(t -> assertThat(t).contains("“account locked”"));
        assertThat(m.htmlBody()).hasValueSatisfying(h -> assertThat(h).contains("<i>“account locked”</i>"));
        assertThat(m.attachments()).isEmpty();
    }

    @Test
    void inlineImageShouldBeAnInlineAttachmentFoundByContentId() throws Exception {
        ParsedMessage m = parser.parse(corpus("04-inline-image.eml"));

        assertThat(m.htmlBody()).hasValueSatisfying(h -> assertThat(h).contains("cid:photo1@customer.example"));
        Attachment image = m.attachmentByContentId("photo1@customer.example").orElseThrow();
        assertThat(image.fileName()).isEqualTo("lid.png");
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.inline()).isTrue();
        assertThat(image.content()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(image.size()).isEqualTo(image.content().length);
    }

    @Test
    void attachmentsShouldBeDecodedAndTheTextStayTheBody() throws Exception {
        ParsedMessage m = parser.parse(corpus("05-attachments.eml"));

        assertThat(m.textBody()).hasValueSatisfying(t -> assertThat(t).contains("receipt and the order list"));
        assertThat(m.attachments()).extracting(Attachment::fileName).containsExactly("receipt.pdf", "orders.csv");
        assertThat(m.attachments().get(0).content()).startsWith("%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
        assertThat(m.attachments().get(1).inline()).isFalse();
        assertThat(new String(m.attachments().get(1).content(), StandardCharsets.US_ASCII)).contains("4711,kettle,1");
    }

    @Test
    void latin1BodyAndEncodedSubjectShouldDecode() throws Exception {
        ParsedMessage m = parser.parse(corpus("06-latin1.eml"));

        assertThat(m.subject()).isEqualTo("Réclamation commande 4713");
        assertThat(m.textBody()).hasValueSatisfying(t -> assertThat(t).contains("J'ai reçu une cafetière abîmée", "René Gâteau"));
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void shiftJisBase64BodyAndSubjectShouldDecode() throws Exception {
        ParsedMessage m = parser.parse(corpus("07-shift-jis.eml"));

        assertThat(m.subject()).isEqualTo("配送について");
        assertThat(m.textBody()).hasValueSatisfying(t -> assertThat(t).contains("注文番号4714"));
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void rfc2047SubjectAcrossFoldedEncodedWordsShouldJoin() throws Exception {
        ParsedMessage m = parser.parse(corpus("08-rfc2047.eml"));

        assertThat(m.subject()).isEqualTo("Grüße aus München – Rücksendung Nr. 4715");
        assertThat(m.from()).contains(new MailAddress("juergen@customer.example", "Jürgen Müller"));
    }

    @Test
    void replyShouldCarryInReplyToAndReferencesOldestFirst() throws Exception {
        ParsedMessage m = parser.parse(corpus("11-reply-chain-3.eml"));

        assertThat(m.inReplyTo()).containsExactly("chain-2@acme.example");
        assertThat(m.references()).containsExactly("chain-1@customer.example", "chain-2@acme.example");
    }

    @Test
    void messageWithoutMessageIdShouldParse() throws Exception {
        ParsedMessage m = parser.parse(corpus("12-no-message-id.eml"));

        assertThat(m.messageId()).isEmpty();
        assertThat(m.textBody()).isPresent();
    }

    @Test
    void rfc2231FileNameShouldBeDecodedAndPathsStripped() throws Exception {
        ParsedMessage m = parser.parse(corpus("13-rfc2231-attachment.eml"));

        assertThat(m.attachments()).extracting(Attachment::fileName).containsExactly("Verträge €.pdf", "evil.txt");
        assertThat(m.textBody()).hasValueSatisfying(t -> assertThat(t).contains("attached contract"));
    }

    @Test
    void deliveryStatusNotificationShouldNameTheOriginalMessageAndFailedRecipient() throws Exception {
        ParsedMessage m = parser.parse(corpus("14-dsn-bounce.eml"));

        DeliveryReport report = m.deliveryReport().orElseThrow();
        assertThat(report.originalMessageId()).contains("pl.1234.abcdef@acme.example");
        assertThat(report.failedRecipients()).containsExactly("nobody@customer.example");
        DeliveryReport.RecipientStatus status = report.recipients().get(0);
        assertThat(status.status()).isEqualTo("5.1.1");
        assertThat(status.diagnostic()).hasValueSatisfying(d -> assertThat(d).contains("550 5.1.1", "User unknown"));
        assertThat(m.mimeType()).isEqualTo("multipart/report");
        assertThat(m.automation().returnPathEmpty()).isTrue();
        assertThat(m.from()).contains(new MailAddress("MAILER-DAEMON@mx.acme.example", "Mail Delivery System"));
    }

    @Test
    void domainShouldBeLowerCasedAndInvalidAddressesCountedInWarnings() throws Exception {
        ParsedMessage m = parser.parse(TestMail.simple("Cc: Good <Someone@Example.COM>, broken@, a@b..c, \"x\" <not an address>\n", "hi"));

        assertThat(m.cc()).containsExactly(new MailAddress("Someone@example.com", "Good"));
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).startsWith("Cc: 3 invalid addresses"));
    }

    @Test
    void automationHeadersAndAuthenticationResultsShouldBeReported() throws Exception {
        ParsedMessage m = parser.parse(TestMail.simple("""
                Authentication-Results: mx.acme.example;
                 dkim=pass header.d=customer.example
                Auto-Submitted: auto-replied
                Precedence: bulk
                X-Loop: helpdesk@customer.example
                List-Id: <news.customer.example>
                X-Failed-Recipients: a@x.example, b@y.example
                Return-Path: < >
                """, "hi"));

        assertThat(m.authenticationResults()).contains("mx.acme.example; dkim=pass header.d=customer.example");
        AutomationHeaders h = m.automation();
        assertThat(h.autoSubmitted()).contains("auto-replied");
        assertThat(h.precedence()).contains("bulk");
        assertThat(h.xLoop()).containsExactly("helpdesk@customer.example");
        assertThat(h.listId()).contains("<news.customer.example>");
        assertThat(h.failedRecipients()).containsExactly("a@x.example", "b@y.example");
        assertThat(h.returnPathEmpty()).isTrue();
    }

    @Test
    void unparseableDateShouldBeAWarningNotAFailure() throws Exception {
        ParsedMessage m = parser.parse(TestMail.simple("Date: yesterday-ish\n", "hi"));

        assertThat(m.date()).isEmpty();
        assertThat(m.warnings()).contains("Date: unparseable, ignored");
    }

    @Test
    void secondPlainTextPartShouldBecomeAnAttachmentSoNothingIsLost() throws Exception {
        ParsedMessage m = parser.parse(crlf("""
                From: c@customer.example
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                first
                --b
                Content-Type: text/plain

                second
                --b--
                """));

        assertThat(m.textBody()).contains("first");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("attachment-2.txt");
            assertThat(new String(a.content(), StandardCharsets.US_ASCII)).isEqualTo("second");
        });
    }

    @Test
    void forwardedMessageShouldBeKeptAsAnEmlAttachment() throws Exception {
        ParsedMessage m = parser.parse(crlf("""
                From: c@customer.example
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                see below
                --b
                Content-Type: message/rfc822

                From: other@example.org
                Message-ID: <inner@example.org>
                Subject: inner

                inner body
                --b--
                """));

        assertThat(m.deliveryReport()).isEmpty();
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.contentType()).isEqualTo("message/rfc822");
            assertThat(a.fileName()).isEqualTo("attachment-2.eml");
            assertThat(new String(a.content(), StandardCharsets.US_ASCII)).contains("Message-ID: <inner@example.org>", "inner body");
        });
    }

    @Test
    void parserShouldEnforceLimitsItselfWhenCalledWithoutCheck() {
        MessageParser strict = new MessageParser(MailLimits.DEFAULTS.withMaxPartCount(2));
        byte[] threeParts = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n\na\n--b\n\nb\n--b\n\nc\n--b--\n");

        assertThatThrownBy(() -> strict.parse(threeParts))
                .isInstanceOf(UnparseableMessageException.class)
                .hasMessage("more than 2 MIME parts");
    }

    @Test
    void messageWithoutAnyHeaderShouldStillParseAsPlainText() throws Exception {
        ParsedMessage m = parser.parse(crlf("\njust a body\n"));

        assertThat(m.from()).isEqualTo(Optional.empty());
        assertThat(m.textBody()).contains("just a body\n");
    }

    @Test
    void unicodeLineSeparatorsInNamesSubjectsAndFileNamesShouldBecomeSpacesSoAnAnswerCanRepeatThem() throws Exception {
        // U+2028/U+2029 are no ISO controls, yet the outbound builder refuses them in headers (they are line breaks).
        ParsedMessage m = parser.parse(("From: =?UTF-8?Q?Lin=E2=80=A8Bcc=3A_x?= <lin@customer.example>\r\n"
                + "Subject: =?UTF-8?Q?Order=E2=80=A942?=\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename*=UTF-8''notes%E2%80%A8x.txt\r\n\r\n"
                + "n\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(m.from()).contains(new MailAddress("lin@customer.example", "Lin Bcc: x"));
        assertThat(m.subject()).isEqualTo("Order 42");
        assertThat(m.attachments()).extracting(Attachment::fileName).containsExactly("notes x.txt");
    }
}
