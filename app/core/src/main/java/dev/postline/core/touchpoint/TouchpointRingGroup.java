package dev.postline.core.touchpoint;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** A link from a touchpoint to a ring group whose queue receives its new conversations. */
@MappedEntity("touchpoint_ring_group")
public record TouchpointRingGroup(@Id UUID id, UUID tenantId, UUID touchpointId, UUID ringGroupId) {}
