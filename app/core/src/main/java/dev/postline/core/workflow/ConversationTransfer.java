package dev.postline.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation offered to one agent. While PENDING the conversation is assigned to the target (so
 * they see it); ACCEPTED keeps it there; DECLINED and EXPIRED put back {@code previousUserId} and the
 * queue {@code previousGroups} (ring group ids, comma-separated) it had when offered.
 */
@MappedEntity("conversation_transfer")
public record ConversationTransfer(
        @Id UUID id,
        UUID tenantId,
        UUID conversationId,
        @Nullable UUID byUserId,
        UUID targetUserId,
        @Nullable UUID previousUserId,
        String previousGroups,
        Status status,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant resolvedAt) {

    public enum Status {
        PENDING,
        ACCEPTED,
        DECLINED,
        EXPIRED,
        /** Replaced by a later transfer before it was answered. */
        CANCELLED
    }
}
