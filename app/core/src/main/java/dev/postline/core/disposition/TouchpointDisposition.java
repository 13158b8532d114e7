package dev.postline.core.disposition;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** One disposition of a touchpoint's own list, which replaces the tenant list on that touchpoint. */
@MappedEntity("touchpoint_disposition")
public record TouchpointDisposition(@Id UUID id, UUID tenantId, UUID touchpointId, UUID dispositionId) {}
