package dev.postline.core.ringgroup;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A named queue of agents. {@code nameKey} is the case-folded name, unique per tenant. */
@MappedEntity("ring_group")
public record RingGroup(@Id UUID id, UUID tenantId, String name, String nameKey, String description, Instant createdAt) {

    public RingGroup renamed(String name, String nameKey, String description) {
        return new RingGroup(id, tenantId, name, nameKey, description, createdAt);
    }
}
