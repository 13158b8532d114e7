package dev.postline.core.outbound;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.conversation.Attachment;
import dev.postline.core.conversation.AttachmentRepository;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.Direction;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.ingest.QueueRouter;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.Touchpoint;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes an outbound message, its files and its outbox entry in ONE transaction (together with
 * whatever else the caller must change atomically, e.g. deleting the draft it came from), then
 * tells the agents. The raw bytes are stored first: content-addressed, so a rollback leaves only
 * garbage, never a message without its bytes.
 */
@Singleton
public class OutboundWriter {

    /** A file sent with the message, already in the blob store. */
    public record StoredFile(String fileName, String contentType, long size, String blobKey) {}

    /** Everything the message row needs. {@code author} is null for mail the platform writes (auto-replies). */
    public record Outbound(Touchpoint from, UUID conversationId, String messageId, OutboundRendering.Rendered rendered,
                           @Nullable String text, @Nullable String html, List<StoredFile> files, @Nullable UUID author, String flags,
                           boolean reopen) {}

    private final MailMessageRepository messages;
    private final AttachmentRepository attachments;
    private final OutboxRepository outbox;
    private final ConversationRepository conversations;
    private final BlobStore blobs;
    private final QueueRouter router;
    private final TenantTransactions tx;
    private final EventBus events;
    private final Clock clock;

    public OutboundWriter(MailMessageRepository messages, AttachmentRepository attachments, OutboxRepository outbox,
                          ConversationRepository conversations, BlobStore blobs, QueueRouter router, TenantTransactions tx,
                          EventBus events, Clock clock) {
        this.messages = messages;
        this.attachments = attachments;
        this.outbox = outbox;
        this.conversations = conversations;
        this.blobs = blobs;
        this.router = router;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Queues the message; {@code alsoInTheTransaction} gets the new message's id inside the same
     * transaction and may veto the whole write by throwing.
     */
    public MailMessage queue(TenantId tenant, Outbound o, Consumer<UUID> alsoInTheTransaction) {
        String rawBlob = blobs.put(tenant, o.rendered().raw());
        Instant now = clock.instant();
        MailMessage stored = tx.write(tenant, () -> {
            MailMessage message = messages.save(new MailMessage(UUID.randomUUID(), tenant.value(), o.conversationId(), o.from().id(),
                    Direction.OUTBOUND, null, o.messageId(), "mid:" + o.messageId(), o.from().address(), o.from().displayName(),
                    o.rendered().toJson(), o.rendered().ccJson(), o.rendered().subject(), null, now, o.text(), o.html(), rawBlob,
                    o.rendered().raw().length, o.flags(), MailMessage.DeliveryStatus.QUEUED, null, o.author(), null, null));
            for (StoredFile f : o.files()) {
                attachments.save(new Attachment(UUID.randomUUID(), tenant.value(), message.id(), f.fileName(), f.contentType(), f.size(),
                        null, false, f.blobKey(), null));
            }
            outbox.save(new OutboxEntry(UUID.randomUUID(), tenant.value(), message.id(), o.from().id(), o.from().address(),
                    String.join("\n", o.rendered().envelopeRecipients()), OutboxEntry.Status.QUEUED, 0, now, null, null, now, now));
            alsoInTheTransaction.accept(message.id());
            if (o.reopen()) {
                // Conditional, not read-modify-write: a concurrent claim or reply is never undone.
                conversations.reopenIfClosed(tenant.value(), o.conversationId());
            }
            return message;
        });
        var conversation = tx.read(tenant, () -> conversations.findByTenantIdAndId(tenant.value(), o.conversationId()).orElseThrow());
        events.publish(new ConversationEvent(ConversationEvent.Type.MESSAGE_ADDED, tenant, o.conversationId(), stored.id(),
                tx.read(tenant, () -> router.queueOf(tenant, o.conversationId())), conversation.assignedUserId(), now));
        return stored;
    }
}
