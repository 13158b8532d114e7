package dev.postline.core.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/**
 * A file of a message. Its bytes are in the blob store under {@code blobKey} (outbound files, and
 * inbound ones stored before issue #14), or — inbound, {@code blobKey} null — they are the
 * {@code partIndex}-th attachment of the message's raw MIME, decoded when asked for
 * ({@link AttachmentContent}): the raw message is stored once, not again as decoded parts.
 */
@MappedEntity("attachment")
public record Attachment(
        @Id UUID id,
        UUID tenantId,
        UUID messageId,
        String fileName,
        String contentType,
        long size,
        @Nullable String contentId,
        boolean inlinePart,
        @Nullable String blobKey,
        @Nullable Integer partIndex) {}
