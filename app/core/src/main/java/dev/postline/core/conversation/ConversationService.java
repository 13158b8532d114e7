package dev.postline.core.conversation;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.ingest.QueueRouter;
import dev.postline.core.preview.PreviewPermissions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What agents and portals do with conversations. Every call takes a {@link Viewer}; a conversation
 * the viewer may not see is reported as not found, exactly like one that does not exist. Its
 * content (detail, raw message, attachments) is further subject to the touchpoint's preview
 * permissions: a viewer whose role may not preview gets a 403 until the conversation is theirs.
 */
@Singleton
public class ConversationService {

    public record Page(List<Conversation> items, String nextCursor) {}

    public record Detail(Conversation conversation, Set<UUID> queue, List<MailMessage> messages,
                         java.util.Map<UUID, List<Attachment>> attachments) {}

    public record Content(String fileName, String contentType, byte[] bytes) {}

    private final ConversationRepository conversations;
    private final MailMessageRepository messages;
    private final AttachmentRepository attachments;
    private final QueueRouter router;
    private final BlobStore blobs;
    private final AttachmentContent attachmentContent;
    private final TenantTransactions tx;
    private final ConversationStates states;
    private final PreviewPermissions preview;
    private final Clock clock;
    private final QueuePages pages;

    public ConversationService(ConversationRepository conversations, MailMessageRepository messages,
                               AttachmentRepository attachments, QueueRouter router, BlobStore blobs, AttachmentContent attachmentContent,
                               TenantTransactions tx, ConversationStates states, PreviewPermissions preview, Clock clock,
                               QueuePages pages) {
        this.pages = pages;
        this.conversations = conversations;
        this.messages = messages;
        this.attachments = attachments;
        this.router = router;
        this.blobs = blobs;
        this.attachmentContent = attachmentContent;
        this.tx = tx;
        this.states = states;
        this.preview = preview;
        this.clock = clock;
    }

    /** One page of the viewer's queue, newest activity first: one statement reading at most {@code limit} rows. */
    public Page list(Viewer viewer, ConversationQuery q) {
        List<Conversation> items = tx.read(viewer.tenant(), () -> pages.page(viewer, q));
        String next = items.size() == q.limit() ? ConversationQuery.cursorAfter(items.getLast()) : null;
        return new Page(items, next);
    }

    public Detail get(Viewer viewer, UUID id) {
        return tx.read(viewer.tenant(), () -> {
            Conversation c = readable(viewer, id, "read it");
            List<MailMessage> list = messages.findByTenantIdAndConversationIdOrderByReceivedAt(viewer.tenant().value(), id);
            // Every message's attachments in one query, not one per message.
            var files = new java.util.LinkedHashMap<UUID, List<Attachment>>();
            list.forEach(m -> files.put(m.id(), new java.util.ArrayList<>()));
            if (!list.isEmpty()) {
                attachments.findByTenantIdAndMessageIdInList(viewer.tenant().value(), List.copyOf(files.keySet()))
                        .forEach(a -> files.get(a.messageId()).add(a));
            }
            return new Detail(c, router.queueOf(viewer.tenant(), id), list, files);
        });
    }

    /** Assigns the conversation to the calling user (taking it over is for supervisors and admins); it meets a follow-up deadline. */
    public Conversation claim(Viewer viewer, UUID id, @Nullable Long version) {
        return states.apply(viewer.tenant(), () -> visible(viewer, id), version, c -> {
            Conversation next = ConversationRule.claim(c, viewer, user -> states.nameOf(viewer.tenant(), user));
            return c.equals(next) ? ConversationStates.Step.none(c)
                    : ConversationStates.Step.to(next, ConversationEvent.Type.ASSIGNMENT_CHANGED);
        });
    }

    public Conversation release(Viewer viewer, UUID id, @Nullable Long version) {
        return states.apply(viewer.tenant(), () -> visible(viewer, id), version,
                c -> ConversationStates.Step.to(ConversationRule.release(c, viewer), ConversationEvent.Type.ASSIGNMENT_CHANGED));
    }

    public Conversation markRead(Viewer viewer, UUID id, boolean read) {
        TenantId tenant = viewer.tenant();
        tx.write(tenant, () -> conversations.markUnread(tenant.value(), visible(viewer, id).id(), !read));
        // Reading a follow-up is taking it: the assigned agent's deadline is met.
        return !read ? tx.read(tenant, () -> visible(viewer, id))
                : states.apply(tenant, () -> visible(viewer, id), null, c -> ConversationStates.Step.none(ConversationRule.takeFollowUp(c, viewer)));
    }

    /** Opens a closed conversation again, without the disposition of its closing (the closing history keeps it). */
    public Conversation reopen(Viewer viewer, UUID id, @Nullable Long version) {
        return states.apply(viewer.tenant(), () -> visible(viewer, id), version,
                c -> ConversationStates.Step.to(ConversationRule.reopen(c), ConversationEvent.Type.STATUS_CHANGED));
    }

    public Content raw(Viewer viewer, UUID conversationId, UUID messageId) {
        MailMessage m = tx.read(viewer.tenant(), () -> {
            readable(viewer, conversationId, "read it");
            return messages.findByTenantIdAndId(viewer.tenant().value(), messageId)
                    .filter(found -> found.conversationId().equals(conversationId))
                    .orElseThrow(() -> ApiException.notFound("message"));
        });
        return new Content("message-" + messageId + ".eml", "message/rfc822", blobs.get(viewer.tenant(), m.rawBlob()));
    }

    /** One message of a conversation the viewer may read (its recipients are paged from it). */
    public MailMessage message(Viewer viewer, UUID conversationId, UUID messageId) {
        return tx.read(viewer.tenant(), () -> {
            readable(viewer, conversationId, "read it");
            return messages.findByTenantIdAndId(viewer.tenant().value(), messageId)
                    .filter(found -> found.conversationId().equals(conversationId))
                    .orElseThrow(() -> ApiException.notFound("message"));
        });
    }

    public Content attachment(Viewer viewer, UUID conversationId, UUID attachmentId) {
        record Found(Attachment attachment, MailMessage message) {}
        Found f = tx.read(viewer.tenant(), () -> {
            readable(viewer, conversationId, "read it");
            Attachment found = attachments.findByTenantIdAndId(viewer.tenant().value(), attachmentId)
                    .orElseThrow(() -> ApiException.notFound("attachment"));
            MailMessage message = messages.findByTenantIdAndId(viewer.tenant().value(), found.messageId())
                    .filter(m -> m.conversationId().equals(conversationId))
                    .orElseThrow(() -> ApiException.notFound("attachment"));
            return new Found(found, message);
        });
        Attachment a = f.attachment();
        return new Content(a.fileName(), a.contentType(), attachmentContent.bytes(viewer.tenant(), a, f.message().rawBlob()));
    }

    /** Returns follow-ups whose assigned agent did not take them in time to the queue; each one atomically, against their taking it. */
    public int releaseOverdue(TenantId tenant) {
        int released = 0;
        for (Conversation due : tx.read(tenant, () -> conversations.findByTenantIdAndAgentDeadlineLessThan(tenant.value(), clock.instant()))) {
            boolean back = states.applyIfStill(tenant, due.id(), c -> ConversationRule.followUpOverdue(c, clock.instant())
                    .map(next -> ConversationStates.Step.to(next, ConversationEvent.Type.ASSIGNMENT_CHANGED))
                    .orElseGet(() -> ConversationStates.Step.none(c))).isPresent();
            released += back ? 1 : 0;
        }
        return released;
    }

    /** The conversation, if the viewer may see it; call inside the viewer's tenant transaction. */
    public Conversation requireVisible(Viewer viewer, UUID id) {
        return visible(viewer, id);
    }

    /**
     * The conversation, if the viewer may see it AND read its content (preview permissions, 403 otherwise);
     * {@code toDo} completes the refusal's "claim the conversation to …". Call inside the viewer's tenant transaction.
     */
    public Conversation requireReadable(Viewer viewer, UUID id, String toDo) {
        return readable(viewer, id, toDo);
    }

    private Conversation readable(Viewer viewer, UUID id, String toDo) {
        Conversation c = visible(viewer, id);
        preview.requirePreview(viewer, c, toDo);
        return c;
    }

    private Conversation visible(Viewer viewer, UUID id) {
        return conversations.findByTenantIdAndId(viewer.tenant().value(), id)
                .filter(c -> viewer.maySee(c, () -> router.queueOf(viewer.tenant(), id)))
                .orElseThrow(() -> ApiException.notFound("conversation"));
    }
}
