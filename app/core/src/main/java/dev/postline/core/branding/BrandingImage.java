package dev.postline.core.branding;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** An inline image of a touchpoint's signature or template, referred to as {@code cid:<contentId>}. */
@MappedEntity("branding_image")
public record BrandingImage(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        String contentId,
        String fileName,
        String contentType,
        int sizeBytes,
        String blobKey,
        Instant createdAt) {}
