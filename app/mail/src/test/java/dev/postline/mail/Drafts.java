package dev.postline.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A mutable builder of {@link OutboundDraft}s for tests, starting from a valid plain-text reply. */
final class Drafts {

    MailAddress from = new MailAddress("support@acme.example", "Acme Support");
    List<MailAddress> to = new ArrayList<>(List.of(new MailAddress("maria.lopez@customer.example", "Maria Lopez")));
    List<MailAddress> cc = new ArrayList<>();
    List<MailAddress> bcc = new ArrayList<>();
    Optional<MailAddress> replyTo = Optional.empty();
    String subject = "Re: Order 4711";
    String messageId = "pl.1.abc@acme.example";
    Optional<String> inReplyTo = Optional.empty();
    List<String> references = new ArrayList<>();
    Optional<String> text = Optional.of("Hello Maria,\n\nyour kettle is on its way.\n");
    Optional<String> html = Optional.empty();
    List<OutboundPart> attachments = new ArrayList<>();
    List<OutboundPart> inlineImages = new ArrayList<>();
    Map<String, String> extraHeaders = new LinkedHashMap<>();
    Instant date = Instant.parse("2025-11-03T08:14:02Z");

    static Drafts reply() {
        return new Drafts();
    }

    OutboundDraft draft() {
        return new OutboundDraft(from, to, cc, bcc, replyTo, subject, messageId, inReplyTo, references, text, html,
                attachments, inlineImages, extraHeaders, date);
    }

    byte[] build() throws InvalidOutboundException {
        return new OutboundMessageBuilder().build(draft());
    }
}
