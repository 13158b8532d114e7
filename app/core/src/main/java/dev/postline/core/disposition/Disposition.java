package dev.postline.core.disposition;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** An outcome a conversation can be closed with ("Resolved", "Refund issued"). {@code nameKey} is the case-folded name, unique per tenant. */
@MappedEntity("disposition")
public record Disposition(@Id UUID id, UUID tenantId, String name, String nameKey, boolean active, Instant createdAt) {

    Disposition changed(String newName, String newKey, boolean newActive) {
        return new Disposition(id, tenantId, newName, newKey, newActive, createdAt);
    }
}
