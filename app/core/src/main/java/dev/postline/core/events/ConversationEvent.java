package dev.postline.core.events;

import dev.postline.core.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Something agents should see at once. Carries what is needed to decide who may see it (tenant,
 * queue, assignee) so subscribers never look it up; the payload itself is ids only — clients
 * fetch details through the API, which checks access again.
 */
public record ConversationEvent(
        Type type,
        TenantId tenant,
        UUID conversationId,
        @Nullable UUID messageId,
        Set<UUID> queueGroupIds,
        @Nullable UUID assignedUserId,
        Instant at) {

    public enum Type {
        CONVERSATION_CREATED,
        MESSAGE_ADDED,
        ASSIGNMENT_CHANGED,
        STATUS_CHANGED,
        /** Moved to another ring group's queue, unassigned. */
        TRANSFERRED,
        /** Offered to one agent ({@code assignedUserId}), waiting for them to accept. */
        TRANSFER_OFFERED,
        TRANSFER_ACCEPTED,
        /** Declined by the agent: back with its previous assignee and queue. */
        TRANSFER_DECLINED,
        /** Not accepted in time: back with its previous assignee and queue. */
        TRANSFER_EXPIRED
    }
}
