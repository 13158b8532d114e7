package dev.postline.mail;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What ingestion needs from one raw message. Produced only by {@link MessageParser}; immutable.
 *
 * @param messageId Message-ID without angle brackets; empty when the header is missing (the caller
 *     then dedupes on a hash of the raw bytes)
 * @param inReplyTo ids from In-Reply-To, without angle brackets
 * @param references ids from References, oldest first, without duplicates
 * @param from first valid From mailbox; further From mailboxes are reported in warnings. Whom to
 *     answer is {@link CustomerAddress#of}, which falls back to Sender, Reply-To and Return-Path
 * @param subject RFC 2047 decoded and unfolded; empty when absent
 * @param mimeType lower-cased top-level MIME type, e.g. {@code multipart/report}
 * @param textBody first {@code text/plain} part that is not an attachment, charset-decoded, line
 *     ends normalised to {@code \n}
 * @param htmlBody first {@code text/html} part that is not an attachment, charset-decoded and NOT
 *     sanitised: pass it through {@link HtmlSanitizer} before any browser sees it
 * @param attachments every other leaf part, in message order, so nothing in the message is lost
 * @param authenticationResults every Authentication-Results header, top first, unfolded. Any of
 *     them may be forged by the sender: believe only what {@link AuthenticationResults#trusted}
 *     selects
 * @param deliveryReport present for a delivery status notification
 * @param warnings problems that were repaired (bad charset, broken base64, invalid addresses, …);
 *     safe to show to an admin
 */
public record ParsedMessage(
        Optional<String> messageId,
        List<String> inReplyTo,
        List<String> references,
        Optional<MailAddress> from,
        Optional<MailAddress> sender,
        List<MailAddress> replyTo,
        List<MailAddress> to,
        List<MailAddress> cc,
        String subject,
        Optional<Instant> date,
        String mimeType,
        Optional<String> textBody,
        Optional<String> htmlBody,
        List<Attachment> attachments,
        AutomationHeaders automation,
        List<String> authenticationResults,
        Optional<DeliveryReport> deliveryReport,
        List<String> warnings) {

    public ParsedMessage {
        Objects.requireNonNull(messageId, "messageId");
        inReplyTo = List.copyOf(inReplyTo);
        references = List.copyOf(references);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(sender, "sender");
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(textBody, "textBody");
        Objects.requireNonNull(htmlBody, "htmlBody");
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(automation, "automation");
        authenticationResults = List.copyOf(authenticationResults);
        Objects.requireNonNull(deliveryReport, "deliveryReport");
        warnings = List.copyOf(warnings);
    }

    /** The attachment a {@code cid:} URL in the HTML body refers to; {@code contentId} without brackets. */
    public Optional<Attachment> attachmentByContentId(String contentId) {
        return attachments.stream().filter(a -> a.contentId().filter(contentId::equals).isPresent()).findFirst();
    }
}
