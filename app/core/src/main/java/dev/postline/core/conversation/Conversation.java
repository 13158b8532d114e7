package dev.postline.core.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A thread with one customer on one touchpoint. {@code number} is the tenant-wide ticket number
 * used in subject tokens ({@code [#1234]}). {@code agentDeadline} is set when a follow-up arrives on
 * an assigned conversation: unless the agent takes it by then, it returns to the queue.
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
        Instant lastMessageAt) {

    public Conversation withStatus(ConversationStatus newStatus) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, newStatus, blocked,
                assignedUserId, agentDeadline, unread, createdAt, lastMessageAt);
    }

    public Conversation withAssignment(@Nullable UUID userId, @Nullable Instant deadline) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                userId, deadline, unread, createdAt, lastMessageAt);
    }

    public Conversation withUnread(boolean newUnread) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                assignedUserId, agentDeadline, newUnread, createdAt, lastMessageAt);
    }

    public Conversation withNewMessage(Instant at) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                assignedUserId, agentDeadline, true, createdAt, at.isAfter(lastMessageAt) ? at : lastMessageAt);
    }
}
