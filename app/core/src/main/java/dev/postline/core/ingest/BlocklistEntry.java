package dev.postline.core.ingest;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** An exact address ("jane@example.com") or a domain ("@example.com") whose mail starts no automation. */
@MappedEntity("blocklist_entry")
public record BlocklistEntry(@Id UUID id, UUID tenantId, UUID touchpointId, String pattern, String note, Instant createdAt) {}
