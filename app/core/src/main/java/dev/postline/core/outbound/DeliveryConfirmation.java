package dev.postline.core.outbound;

import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.conversation.NoteService;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.web.ApiException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/**
 * Settles a reply held as "delivery unknown" (see {@link OutboxRecorder#deliveryUnknown}): the agent
 * who checked with the customer says it was sent, or has it sent again. Each is one conditional
 * update of the outbox row, so of two agents settling at once one wins and the other gets 409.
 */
@Singleton
public class DeliveryConfirmation {

    private final ConversationService conversations;
    private final MailMessageRepository messages;
    private final OutboxRepository outbox;
    private final NoteService notes;
    private final TenantTransactions tx;
    private final Clock clock;

    public DeliveryConfirmation(ConversationService conversations, MailMessageRepository messages, OutboxRepository outbox,
                                NoteService notes, TenantTransactions tx, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.outbox = outbox;
        this.notes = notes;
        this.tx = tx;
        this.clock = clock;
    }

    /** The agent knows the reply arrived: recorded as sent, nothing is sent. */
    public MailMessage confirmSent(Viewer viewer, UUID conversationId, UUID messageId) {
        return settle(viewer, conversationId, messageId, OutboxEntry.Status.SENT, MailMessage.DeliveryStatus.SENT,
                "confirmed as sent by an agent after an interruption", "it reached the customer");
    }

    /** The agent wants it sent (again): queued now; the customer may get a second copy if the first arrived. */
    public MailMessage sendAgain(Viewer viewer, UUID conversationId, UUID messageId) {
        return settle(viewer, conversationId, messageId, OutboxEntry.Status.QUEUED, MailMessage.DeliveryStatus.QUEUED,
                null, "it is sent again");
    }

    private MailMessage settle(Viewer viewer, UUID conversationId, UUID messageId, OutboxEntry.Status outboxStatus,
                               MailMessage.DeliveryStatus status, String detail, String noteEnd) {
        return tx.write(viewer.tenant(), () -> {
            conversations.requireReadable(viewer, conversationId, "settle its replies");
            MailMessage message = messages.findByTenantIdAndId(viewer.tenant().value(), messageId)
                    .filter(m -> m.conversationId().equals(conversationId))
                    .orElseThrow(() -> ApiException.notFound("message"));
            if (outbox.settleUnknown(viewer.tenant().value(), messageId, outboxStatus.name(), clock.instant()) != 1) {
                throw ApiException.conflict("this message's delivery is not unknown (it is "
                        + (message.deliveryStatus() == null ? "a received message" : message.deliveryStatus().name().toLowerCase(java.util.Locale.ROOT))
                        + "); only a reply held as delivery unknown can be confirmed or sent again");
            }
            MailMessage settled = messages.update(message.withDelivery(status, detail));
            notes.addSystemNote(viewer.tenant(), conversationId, "Delivery of the reply \"" + message.subject()
                    + "\" was unknown; an agent settled it: " + noteEnd + ".");
            return settled;
        });
    }
}
