package dev.postline.core.draft;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DraftAttachmentRepository extends GenericRepository<DraftAttachment, UUID> {

    DraftAttachment save(DraftAttachment attachment);

    List<DraftAttachment> findByTenantIdAndDraftIdOrderBySortIndex(UUID tenantId, UUID draftId);

    void deleteByTenantIdAndDraftId(UUID tenantId, UUID draftId);
}
