package dev.postline.core.conversation;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.ingest.QueueRouter;
import dev.postline.core.preview.PreviewPermissions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.ApiException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

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
    private final TenantTransactions tx;
    private final EventBus events;
    private final PreviewPermissions preview;
    private final Clock clock;

    public ConversationService(ConversationRepository conversations, MailMessageRepository messages,
                               AttachmentRepository attachments, QueueRouter router, BlobStore blobs, TenantTransactions tx,
                               EventBus events, PreviewPermissions preview, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.attachments = attachments;
        this.router = router;
        this.blobs = blobs;
        this.tx = tx;
        this.events = events;
        this.preview = preview;
        this.clock = clock;
    }

    public Page list(Viewer viewer, ConversationQuery q) {
        TenantId tenant = viewer.tenant();
        // IN () is not SQL: an agent without groups matches on a group id that cannot exist.
        Set<UUID> groups = viewer.groupIds().isEmpty() ? Set.of(new UUID(0, 0)) : viewer.groupIds();
        UUID user = viewer.userId() == null ? new UUID(0, 0) : viewer.userId();
        List<Conversation> items = tx.read(tenant, () -> conversations.page(tenant.value(), q.beforeAt(), q.beforeId(),
                viewer.seesAll(), user, groups, q.status() == null ? null : q.status().name(), q.touchpointId(), q.blocked(),
                q.unread(), q.reportServiceKey(), q.assignment(), q.limit()));
        String next = items.size() == q.limit() ? ConversationQuery.cursorAfter(items.getLast()) : null;
        return new Page(items, next);
    }

    public Detail get(Viewer viewer, UUID id) {
        return tx.read(viewer.tenant(), () -> {
            Conversation c = readable(viewer, id, "read it");
            List<MailMessage> list = messages.findByTenantIdAndConversationIdOrderByReceivedAt(viewer.tenant().value(), id);
            var files = new java.util.LinkedHashMap<UUID, List<Attachment>>();
            list.forEach(m -> files.put(m.id(), attachments.findByTenantIdAndMessageId(viewer.tenant().value(), m.id())));
            return new Detail(c, router.queueOf(viewer.tenant(), id), list, files);
        });
    }

    /** Assigns the conversation to the calling agent; taking it also meets a follow-up deadline. */
    public Conversation claim(Viewer viewer, UUID id) {
        if (viewer.userId() == null) {
            throw ApiException.forbidden("only a signed-in user can take a conversation");
        }
        return change(viewer, id, c -> {
            // Agents take what is free (or already theirs); taking over a colleague's conversation is a supervisor's call.
            if (c.assignedUserId() != null && !c.assignedUserId().equals(viewer.userId()) && !viewer.seesAll()) {
                throw ApiException.conflict("this conversation is assigned to another agent; a supervisor or an admin can "
                        + "take it over or transfer it");
            }
            return c.withAssignment(viewer.userId(), null);
        }, ConversationEvent.Type.ASSIGNMENT_CHANGED);
    }

    public Conversation release(Viewer viewer, UUID id) {
        return change(viewer, id, c -> c.withAssignment(null, null), ConversationEvent.Type.ASSIGNMENT_CHANGED);
    }

    public Conversation markRead(Viewer viewer, UUID id, boolean read) {
        // Reading a follow-up is taking it: the assigned agent's deadline is met.
        return change(viewer, id, c -> {
            Conversation updated = c.withUnread(!read);
            return read && viewer.userId() != null && viewer.userId().equals(c.assignedUserId())
                    ? updated.withAssignment(c.assignedUserId(), null) : updated;
        }, null);
    }

    public Conversation setStatus(Viewer viewer, UUID id, ConversationStatus status) {
        return change(viewer, id, c -> c.withStatus(status), ConversationEvent.Type.STATUS_CHANGED);
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
        Attachment a = tx.read(viewer.tenant(), () -> {
            readable(viewer, conversationId, "read it");
            Attachment found = attachments.findByTenantIdAndId(viewer.tenant().value(), attachmentId)
                    .orElseThrow(() -> ApiException.notFound("attachment"));
            messages.findByTenantIdAndId(viewer.tenant().value(), found.messageId())
                    .filter(m -> m.conversationId().equals(conversationId))
                    .orElseThrow(() -> ApiException.notFound("attachment"));
            return found;
        });
        return new Content(a.fileName(), a.contentType(), blobs.get(viewer.tenant(), a.blobKey()));
    }

    /** Returns follow-ups whose assigned agent did not take them in time to the queue. */
    public int releaseOverdue(TenantId tenant) {
        List<ConversationEvent> published = new java.util.ArrayList<>();
        int released = tx.write(tenant, () -> {
            int count = 0;
            for (Conversation c : conversations.findByTenantIdAndAgentDeadlineLessThan(tenant.value(), clock.instant())) {
                Conversation back = conversations.update(c.withAssignment(null, null));
                published.add(event(ConversationEvent.Type.ASSIGNMENT_CHANGED, tenant, back));
                count++;
            }
            return count;
        });
        published.forEach(events::publish);
        return released;
    }

    private Conversation change(Viewer viewer, UUID id, UnaryOperator<Conversation> edit, ConversationEvent.Type type) {
        Conversation updated = tx.write(viewer.tenant(), () -> conversations.update(edit.apply(visible(viewer, id))));
        if (type != null) {
            events.publish(event(type, viewer.tenant(), updated));
        }
        return updated;
    }

    private ConversationEvent event(ConversationEvent.Type type, TenantId tenant, Conversation c) {
        Set<UUID> queue = tx.read(tenant, () -> router.queueOf(tenant, c.id()));
        return new ConversationEvent(type, tenant, c.id(), null, queue, c.assignedUserId(), clock.instant());
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
                .filter(c -> viewer.maySee(c, router.queueOf(viewer.tenant(), id)))
                .orElseThrow(() -> ApiException.notFound("conversation"));
    }
}
