package dev.postline.core.ringgroup;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

@MappedEntity("ring_group_member")
public record RingGroupMember(@Id UUID id, UUID tenantId, UUID ringGroupId, UUID userId) {}
