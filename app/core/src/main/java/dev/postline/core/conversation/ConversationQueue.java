package dev.postline.core.conversation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** One ring group a conversation was queued to when it was routed; never changed by later edits. */
@MappedEntity("conversation_queue")
public record ConversationQueue(@Id UUID id, UUID tenantId, UUID conversationId, UUID ringGroupId) {}
