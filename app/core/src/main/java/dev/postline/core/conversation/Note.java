package dev.postline.core.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** An internal note on a conversation; {@code authorUserId} is null for notes the platform writes. */
@MappedEntity("conversation_note")
public record Note(@Id UUID id, UUID tenantId, UUID conversationId, @Nullable UUID authorUserId, String body, Instant createdAt) {}
