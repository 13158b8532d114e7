package dev.postline.core.preview;

import dev.postline.core.user.Role;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** One role that may not preview the touchpoint's conversations (absence of rows = every role may). */
@MappedEntity("touchpoint_preview_denial")
public record TouchpointPreviewDenial(@Id UUID id, UUID tenantId, UUID touchpointId, Role role) {}
