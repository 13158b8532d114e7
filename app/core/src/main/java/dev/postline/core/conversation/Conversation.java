package dev.postline.core.conversation;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A thread with one customer on one touchpoint. {@code number} is the tenant-wide ticket number
 * used in subject tokens ({@code [#1234]}). {@code agentDeadline} is set when a follow-up arrives on
 * an assigned conversation: unless the agent takes it by then, it returns to the queue.
 * {@code dispositionId} is the outcome it was last closed with.
 */
@MappedEntity("conversation")
public record Conversation(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        long number,
        String subject,
        String customerAddress,
        String customerName,
        ConversationStatus status,
        boolean blocked,
        @Nullable UUID assignedUserId,
        @Nullable Instant agentDeadline,
        boolean unread,
        Instant createdAt,
        Instant lastMessageAt,
        @Nullable UUID dispositionId) {

    @Creator
    public Conversation {
    }

    /** A conversation not closed with a disposition yet. */
    public Conversation(UUID id, UUID tenantId, UUID touchpointId, long number, String subject, String customerAddress,
                        String customerName, ConversationStatus status, boolean blocked, @Nullable UUID assignedUserId,
                        @Nullable Instant agentDeadline, boolean unread, Instant createdAt, Instant lastMessageAt) {
        this(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked, assignedUserId,
                agentDeadline, unread, createdAt, lastMessageAt, null);
    }

    public Conversation withDisposition(@Nullable UUID newDisposition) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                assignedUserId, agentDeadline, unread, createdAt, lastMessageAt, newDisposition);
    }

    public Conversation withStatus(ConversationStatus newStatus) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, newStatus, blocked,
                assignedUserId, agentDeadline, unread, createdAt, lastMessageAt, dispositionId);
    }

    public Conversation withAssignment(@Nullable UUID userId, @Nullable Instant deadline) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                userId, deadline, unread, createdAt, lastMessageAt, dispositionId);
    }

    public Conversation withUnread(boolean newUnread) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                assignedUserId, agentDeadline, newUnread, createdAt, lastMessageAt, dispositionId);
    }

    public Conversation withNewMessage(Instant at) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                assignedUserId, agentDeadline, true, createdAt, at.isAfter(lastMessageAt) ? at : lastMessageAt, dispositionId);
    }
}
