package dev.postline.core.draft;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * An unsent answer of one agent in one conversation. Address lists are JSON arrays of the strings
 * the agent typed (checked when the draft is sent); {@code version} grows with every save.
 */
@MappedEntity("draft")
public record Draft(
        @Id UUID id,
        UUID tenantId,
        UUID conversationId,
        UUID authorUserId,
        String kind,
        String toAddresses,
        String ccAddresses,
        String bccAddresses,
        @Nullable String subject,
        @Nullable String textBody,
        @Nullable String htmlBody,
        @Nullable UUID touchpointId,
        @Nullable UUID forwardMessageId,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
