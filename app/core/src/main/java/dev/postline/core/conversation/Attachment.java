package dev.postline.core.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** A file of a message; its bytes are in the blob store under {@code blobKey}. */
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
        String blobKey) {}
