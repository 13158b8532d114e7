package dev.postline.core.threading;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * "Conversation {@code conversationId} mentions #{@code mentionedNumber}": the mail that started it
 * referred to that conversation but its sender was not allowed to join it ({@link ThreadingRule}).
 */
@MappedEntity("conversation_mention")
public record ConversationMention(
        @Id UUID id,
        UUID tenantId,
        UUID conversationId,
        UUID mentionedConversationId,
        long mentionedNumber,
        Instant createdAt) {}
