package dev.postline.core.draft;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** An upload a draft will attach; while it is held here, the upload does not expire. */
@MappedEntity("draft_attachment")
public record DraftAttachment(@Id UUID id, UUID tenantId, UUID draftId, UUID uploadId, int sortIndex) {}
