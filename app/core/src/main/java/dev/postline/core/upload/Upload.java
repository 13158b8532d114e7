package dev.postline.core.upload;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A file uploaded to be attached to an outbound message. {@code ownerId} is the user or API key
 * that uploaded it: nobody else may attach or read it. The bytes are in the blob store under
 * {@code blobKey}.
 */
@MappedEntity("upload")
public record Upload(
        @Id UUID id,
        UUID tenantId,
        UUID ownerId,
        String fileName,
        String contentType,
        long size,
        String blobKey,
        Instant createdAt) {}
