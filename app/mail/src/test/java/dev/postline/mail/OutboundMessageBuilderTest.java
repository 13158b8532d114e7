package dev.postline.mail;

import static dev.postline.mail.RawMail.ascii;
import static dev.postline.mail.RawMail.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Headers, threading and envelope of built messages, checked by parsing them back with {@link MessageParser}. */
class OutboundMessageBuilderTest {

    private final MessageParser parser = new MessageParser(MailLimits.DEFAULTS);

    @Test
    void textOnlyDraftShouldBeTextPlainAndRoundTrip() throws Exception {
        Drafts d = Drafts.reply();
        byte[] raw = d.build();

        ParsedMessage m = parser.parse(raw);
        assertThat(m.mimeType()).isEqualTo("text/plain");
        assertThat(m.textBody()).contains(d.text.get());
        assertThat(m.htmlBody()).isEmpty();
        assertThat(m.warnings()).isEmpty();
        assertThat(ascii(raw)).contains("Content-Type: text/plain; charset=UTF-8\r\n", "MIME-Version: 1.0\r\n",
                "Date: Mon, 3 Nov 2025 08:14:02 +0000\r\n");
    }

    @Test
    void headersShouldRoundTripIncludingNonAsciiSubjectAndDisplayNames() throws Exception {
        Drafts d = Drafts.reply();
        d.from = new MailAddress("support@acme.example", "Ümit Çelik – Acme Kundenservice");
        d.to = List.of(new MailAddress("maria.lopez@customer.example", "Maria López"),
                new MailAddress("ops@customer.example", "Doe, John \"JD\""));
        d.cc = List.of(new MailAddress("boss@customer.example", ""), new MailAddress("li@customer.example", "李小龙"));
        d.replyTo = Optional.of(new MailAddress("reply+t1@acme.example", "Acme"));
        d.subject = "Re: Ihre Bestellung – Lieferung verzögert 🚚 (Ticket 4711)";
        d.inReplyTo = Optional.of("c-2@customer.example");
        d.references = List.of("c-1@customer.example", "pl.0@acme.example", "c-2@customer.example");

        ParsedMessage m = parser.parse(d.build());

        assertThat(m.from()).contains(d.from);
        assertThat(m.to()).containsExactlyElementsOf(d.to);
        assertThat(m.cc()).containsExactlyElementsOf(d.cc);
        assertThat(m.replyTo()).containsExactly(d.replyTo.get());
        assertThat(m.subject()).isEqualTo(d.subject);
        assertThat(m.messageId()).contains("pl.1.abc@acme.example");
        assertThat(m.inReplyTo()).containsExactly("c-2@customer.example");
        assertThat(m.references()).containsExactlyElementsOf(d.references);
        assertThat(m.date()).contains(d.date);
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void inReplyToShouldBeAppendedToReferencesWhenMissing() throws Exception {
        Drafts d = Drafts.reply();
        d.inReplyTo = Optional.of("c-2@customer.example");
        d.references = List.of("c-1@customer.example");

        assertThat(parser.parse(d.build()).references()).containsExactly("c-1@customer.example", "c-2@customer.example");
    }

    @Test
    void bccShouldBeEnvelopeOnlyAndNeverAHeader() throws Exception {
        Drafts d = Drafts.reply();
        d.bcc = List.of(new MailAddress("archive@acme.example", "Archive"));

        byte[] raw = d.build();

        assertThat(ascii(raw)).doesNotContainIgnoringCase("bcc").doesNotContain("archive@acme.example");
        assertThat(d.draft().envelopeRecipients()).containsExactly("maria.lopez@customer.example", "archive@acme.example");
    }

    @Test
    void longReferencesShouldBeTrimmedKeepingFirstAndLast() throws Exception {
        Drafts d = Drafts.reply();
        d.references = IntStream.range(0, 60).mapToObj(i -> "ref-" + i + ".0123456789abcdef@customer.example").toList();

        List<String> refs = parser.parse(d.build()).references();

        assertThat(refs).hasSizeLessThanOrEqualTo(OutboundHeaders.MAX_REFERENCES);
        assertThat(refs.get(0)).isEqualTo(d.references.get(0));
        assertThat(refs.get(refs.size() - 1)).isEqualTo(d.references.get(59));
        assertThat(refs.subList(1, refs.size())).isEqualTo(d.references.subList(60 - refs.size() + 1, 60));
        assertThat(String.join(" ", refs.stream().map(r -> "<" + r + ">").toList())).hasSizeLessThanOrEqualTo(OutboundHeaders.MAX_REFERENCES_CHARS);
    }

    @Test
    void referencesTrimmingShouldRespectTheCharacterBudget() {
        List<String> ids = List.of("root@x", "a".repeat(400) + "@x", "b".repeat(400) + "@x", "c".repeat(400) + "@x");

        assertThat(OutboundHeaders.trimReferences(ids, 20, 900)).containsExactly(ids.get(0), ids.get(2), ids.get(3));
        assertThat(OutboundHeaders.trimReferences(ids, 3, 10_000)).containsExactly(ids.get(0), ids.get(2), ids.get(3));
        assertThat(OutboundHeaders.trimReferences(List.of("a@x", "a@x", "b@x"), 20, 900)).containsExactly("a@x", "b@x");
    }

    @Test
    void extraHeadersShouldBeWrittenInOrder() throws Exception {
        Drafts d = Drafts.reply();
        d.extraHeaders.put("Auto-Submitted", "auto-replied");
        d.extraHeaders.put("X-Auto-Response-Suppress", "All");

        byte[] raw = d.build();

        assertThat(ascii(raw)).contains("Auto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\n");
        assertThat(parser.parse(raw).automation().autoSubmitted()).contains("auto-replied");
    }

    @Test
    void unicodeDomainShouldBeSentAsPunycode() throws Exception {
        Drafts d = Drafts.reply();
        d.to = List.of(new MailAddress("kunde@bücher.example", ""));

        assertThat(ascii(d.build())).contains("To: kunde@xn--bcher-kva.example\r\n");
    }

    @Test
    void sameDraftShouldGiveSameBytes() throws Exception {
        Drafts d = Drafts.reply();
        d.html = Optional.of("<p>hi</p>");
        d.attachments = List.of(OutboundPart.attachment("a.bin", "application/octet-stream", randomBytes(500, 3)));

        assertThat(d.build()).isEqualTo(d.build());
        d.messageId = "pl.2.abc@acme.example";
        d.date = Instant.parse("2025-11-03T08:14:02Z");
        assertThat(parser.parse(d.build()).messageId()).contains("pl.2.abc@acme.example");
    }
}
