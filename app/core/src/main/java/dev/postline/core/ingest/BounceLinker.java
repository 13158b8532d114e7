package dev.postline.core.ingest;

import dev.postline.core.conversation.Direction;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.conversation.MessageFlag;
import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A delivery-status report names the message it reports on (its original Message-ID). When that is
 * one of our outbound messages on this touchpoint, the report joins its conversation and the
 * message is marked BOUNCED with the reason. Runs in the tenant's transaction.
 */
@Singleton
public class BounceLinker {

    private final MailMessageRepository messages;

    public BounceLinker(MailMessageRepository messages) {
        this.messages = messages;
    }

    Optional<MailMessage> reportedOutbound(TenantId tenant, UUID touchpointId, IncomingMail mail, Set<MessageFlag> flags) {
        if (!flags.contains(MessageFlag.BOUNCE) || mail.reportedMessageId() == null) {
            return Optional.empty();
        }
        return messages.findByTenantIdAndTouchpointIdAndMessageIdHeader(tenant.value(), touchpointId, mail.reportedMessageId())
                .stream().filter(m -> m.direction() == Direction.OUTBOUND).findFirst();
    }

    void markBounced(MailMessage outbound, IncomingMail report) {
        String reason = "bounced: reported by " + report.from().address() + (report.subject().isBlank() ? "" : " (" + report.subject() + ")");
        messages.update(outbound.withDelivery(MailMessage.DeliveryStatus.BOUNCED, reason.length() > 1000 ? reason.substring(0, 1000) : reason));
    }
}
