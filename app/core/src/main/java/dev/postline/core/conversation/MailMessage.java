package dev.postline.core.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One email of a conversation. {@code dedupeKey} is the Message-ID (or a hash of the raw message
 * when it has none), unique per touchpoint; null when the touchpoint turned Message-ID dedupe off.
 * {@code providerId} is unique per touchpoint always. Addresses are JSON arrays; the raw MIME is
 * in the blob store under {@code rawBlob}. HTML is stored as received and sanitised when shown.
 * {@code customerAddressSource} says which header supplied {@code fromAddress} of an inbound message
 * (FROM, SENDER, REPLY_TO, RETURN_PATH, or ADMIN when released from quarantine with an address);
 * {@code authenticationResults} holds only the Authentication-Results of our own authserv-ids.
 */
@MappedEntity("mail_message")
public record MailMessage(
        @Id UUID id,
        UUID tenantId,
        UUID conversationId,
        UUID touchpointId,
        Direction direction,
        @Nullable String providerId,
        @Nullable String messageIdHeader,
        @Nullable String dedupeKey,
        String fromAddress,
        String fromName,
        String toAddresses,
        String ccAddresses,
        String subject,
        @Nullable Instant sentAt,
        Instant receivedAt,
        @Nullable String textBody,
        @Nullable String htmlBody,
        String rawBlob,
        long rawSize,
        String flags,
        @Nullable DeliveryStatus deliveryStatus,
        @Nullable String deliveryDetail,
        @Nullable UUID authorUserId,
        @Nullable String customerAddressSource,
        @Nullable String authenticationResults) {

    /** Where an outbound message stands; null for inbound mail. */
    public enum DeliveryStatus {
        QUEUED,
        SENT,
        FAILED,
        BOUNCED,
        /** The sender stopped after the message may have gone out and nothing could check: an agent confirms or sends again. */
        DELIVERY_UNKNOWN
    }

    public MailMessage withDelivery(DeliveryStatus status, @Nullable String detail) {
        return new MailMessage(id, tenantId, conversationId, touchpointId, direction, providerId, messageIdHeader, dedupeKey,
                fromAddress, fromName, toAddresses, ccAddresses, subject, sentAt, receivedAt, textBody, htmlBody, rawBlob, rawSize,
                flags, status, detail, authorUserId, customerAddressSource, authenticationResults);
    }
}
