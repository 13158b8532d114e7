package dev.postline.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;

/**
 * Decides what each leaf part of a message is: the text body, the HTML body, or an attachment.
 * Every leaf lands somewhere, so nothing in a message is silently lost. Parts of a delivery status
 * notification are read for the {@link DeliveryReport} and kept as attachments as well.
 */
final class PartCollector {

    private final Warnings warnings;
    private final List<Attachment> attachments = new ArrayList<>();
    private final List<DeliveryReport.RecipientStatus> reportRecipients = new ArrayList<>();
    private String text;
    private String html;
    private boolean sawDeliveryStatus;
    private Optional<String> embeddedMessageId = Optional.empty();
    private String declaredTextCharset;
    private int partNumber;

    PartCollector(Warnings warnings) {
        this.warnings = warnings;
    }

    /**
     * Whether {@link #accept} needs this leaf's bytes: it would become the text or HTML body, or belongs to a
     * delivery report. Any other leaf is a file, which {@link #acceptMeasured} can take by its size alone.
     */
    boolean needsContent(MaximalBodyDescriptor part) {
        String mimeType = part.getMimeType() == null ? "application/octet-stream" : part.getMimeType().toLowerCase(Locale.ROOT);
        String disposition = part.getContentDispositionType() == null ? "" : part.getContentDispositionType().toLowerCase(Locale.ROOT);
        boolean bodyCandidate = !disposition.equals("attachment") && declaredName(part) == null;
        if (bodyCandidate && (mimeType.equals("text/plain") && text == null || mimeType.equals("text/html") && html == null)) {
            return true;
        }
        return switch (mimeType) {
            case "message/delivery-status", "message/global-delivery-status", "message/rfc822", "text/rfc822-headers",
                 "message/global", "message/global-headers" -> true;
            default -> false;
        };
    }

    /** A file leaf taken by its decoded size only ({@link MessageParser#parseMeasuringFiles}): no content. */
    void acceptMeasured(MaximalBodyDescriptor part, long size, Optional<String> decodeProblem) {
        accept(part, EMPTY, decodeProblem, size);
    }

    private static final byte[] EMPTY = new byte[0];

    /** Takes one leaf, already decoded from its transfer encoding; {@code decodeProblem} is mime4j's complaint, if any. */
    void accept(MaximalBodyDescriptor part, byte[] content, Optional<String> decodeProblem) {
        accept(part, content, decodeProblem, content.length);
    }

    private void accept(MaximalBodyDescriptor part, byte[] content, Optional<String> decodeProblem, long size) {
        partNumber++;
        String mimeType = part.getMimeType() == null ? "application/octet-stream" : part.getMimeType().toLowerCase(Locale.ROOT);
        String disposition = part.getContentDispositionType() == null ? "" : part.getContentDispositionType().toLowerCase(Locale.ROOT);
        String declaredName = declaredName(part);
        String label = "part " + partNumber + " (" + mimeType + ")";
        decodeProblem.ifPresent(problem -> warnings.add(label + ": " + BodyDecoder.printable(problem) + "; decoded leniently"));
        if (declaredTextCharset == null && mimeType.startsWith("text/")) {
            declaredTextCharset = part.getContentTypeParameters().get("charset");
        }

        boolean bodyCandidate = !disposition.equals("attachment") && declaredName == null;
        if (bodyCandidate && mimeType.equals("text/plain") && text == null) {
            text = BodyDecoder.decode(content, part.getCharset(), label, warnings);
            return;
        }
        if (bodyCandidate && mimeType.equals("text/html") && html == null) {
            html = BodyDecoder.decode(content, part.getCharset(), label, warnings);
            return;
        }
        switch (mimeType) {
            case "message/delivery-status", "message/global-delivery-status" -> {
                sawDeliveryStatus = true;
                reportRecipients.addAll(DeliveryStatusParser.recipients(content));
            }
            case "message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers" -> {
                if (embeddedMessageId.isEmpty()) {
                    embeddedMessageId = DeliveryStatusParser.messageId(content);
                }
            }
            default -> { }
        }
        Optional<String> contentId = Optional.ofNullable(part.getContentId()).map(PartCollector::stripBrackets).filter(id -> !id.isEmpty());
        boolean inline = disposition.equals("inline") || disposition.isEmpty() && contentId.isPresent();
        attachments.add(new Attachment(FileNames.safe(declaredName, partNumber, mimeType), mimeType,
                size, contentId, inline, content));
    }

    /**
     * The charset the first text part declares (for a single-part message, the message's own
     * Content-Type), as written; empty when it declares none. 8-bit headers fall back to it.
     */
    Optional<String> declaredTextCharset() {
        return Optional.ofNullable(declaredTextCharset).filter(c -> !c.isBlank());
    }

    Optional<String> text() {
        return Optional.ofNullable(text);
    }

    Optional<String> html() {
        return Optional.ofNullable(html);
    }

    List<Attachment> attachments() {
        return attachments;
    }

    /** Present once a delivery-status part was seen; the original id comes from the embedded message. */
    Optional<DeliveryReport> deliveryReport() {
        return sawDeliveryStatus ? Optional.of(new DeliveryReport(embeddedMessageId, reportRecipients)) : Optional.empty();
    }

    private static String declaredName(MaximalBodyDescriptor part) {
        String name = part.getContentDispositionFilename();
        if (name == null || name.isBlank()) {
            name = part.getContentTypeParameters().get("name");
        }
        return name == null || name.isBlank() ? null : name;
    }

    static String stripBrackets(String id) {
        String s = id.strip();
        if (s.startsWith("<")) {
            s = s.substring(1);
        }
        if (s.endsWith(">")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.strip();
    }
}
