package dev.postline.mail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a delivery status notification ({@code multipart/report; report-type=delivery-status},
 * RFC 3464) says about an earlier message.
 *
 * @param originalMessageId Message-ID of the reported message, without angle brackets, from the
 *     embedded {@code message/rfc822} or {@code text/rfc822-headers} part; the caller links the
 *     report to its outbound message with it
 * @param recipients one entry per recipient block of the {@code message/delivery-status} part
 */
public record DeliveryReport(Optional<String> originalMessageId, List<RecipientStatus> recipients) {

    public DeliveryReport {
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        recipients = List.copyOf(recipients);
    }

    /**
     * One recipient of a report.
     *
     * @param recipient Final-Recipient (or Original-Recipient) without its address type, e.g.
     *     {@code rfc822;}
     * @param action {@code failed}, {@code delayed}, {@code delivered}, … lower-cased; empty if absent
     * @param status the status code such as {@code 5.1.1}; empty if absent
     * @param diagnostic Diagnostic-Code without its type, unfolded
     */
    public record RecipientStatus(String recipient, String action, String status, Optional<String> diagnostic) {
        public RecipientStatus {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(diagnostic, "diagnostic");
        }

        /** Permanent failure: action {@code failed} or a 5.x.x status. */
        public boolean failed() {
            return action.equals("failed") || status.startsWith("5");
        }
    }

    /** Recipients whose delivery failed permanently. */
    public List<String> failedRecipients() {
        return recipients.stream().filter(RecipientStatus::failed).map(RecipientStatus::recipient).toList();
    }
}
