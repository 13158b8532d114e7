package dev.postline.core.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One closing of a conversation, with the disposition it was closed with: the history a reopened
 * conversation keeps while it carries no disposition itself. {@code closedByUserId} is null for an
 * API client, and for closings made before the history was kept.
 */
@MappedEntity("conversation_closing")
public record Closing(@Id UUID id, UUID tenantId, UUID conversationId, @Nullable UUID dispositionId, @Nullable UUID closedByUserId,
                      Instant closedAt) {}
