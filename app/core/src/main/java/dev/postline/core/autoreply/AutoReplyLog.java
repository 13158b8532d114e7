package dev.postline.core.autoreply;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One auto-reply decided for a new conversation, written in its ingest transaction;
 * {@code outboundMessageId} is set in the transaction that queues the reply (null = still to do).
 */
@MappedEntity("auto_reply_log")
public record AutoReplyLog(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        String senderAddress,
        UUID conversationId,
        UUID inboundMessageId,
        @Nullable UUID outboundMessageId,
        Instant createdAt) {}
