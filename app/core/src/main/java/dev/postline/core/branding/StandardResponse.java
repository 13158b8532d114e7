package dev.postline.core.branding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A canned reply: tenant-wide when {@code touchpointId} is null, else for that touchpoint only.
 * {@code scopeKey} is {@link #TENANT_SCOPE} or the touchpoint id; names are unique per scope.
 * At least one of the bodies is present; the HTML one is sanitised.
 */
@MappedEntity("standard_response")
public record StandardResponse(
        @Id UUID id,
        UUID tenantId,
        @Nullable UUID touchpointId,
        String scopeKey,
        String name,
        String nameKey,
        @Nullable String bodyText,
        @Nullable String bodyHtml,
        Instant createdAt,
        Instant updatedAt) {

    public static final String TENANT_SCOPE = "tenant";

    public static String scopeKeyOf(@Nullable UUID touchpointId) {
        return touchpointId == null ? TENANT_SCOPE : touchpointId.toString();
    }
}
