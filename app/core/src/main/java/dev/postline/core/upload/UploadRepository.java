package dev.postline.core.upload;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UploadRepository extends GenericRepository<Upload, UUID> {

    Upload save(Upload upload);

    Optional<Upload> findByTenantIdAndIdAndOwnerId(UUID tenantId, UUID id, UUID ownerId);

    void deleteByTenantIdAndIdAndOwnerId(UUID tenantId, UUID id, UUID ownerId);

    /** Uploads older than {@code before} that no draft holds. */
    @Query("DELETE FROM upload WHERE tenant_id = :tenantId AND created_at < :before "
            + "AND NOT EXISTS (SELECT 1 FROM draft_attachment d WHERE d.upload_id = upload.id)")
    int deleteExpired(UUID tenantId, Instant before);

    @Query("SELECT COUNT(*) FROM draft_attachment WHERE tenant_id = :tenantId AND upload_id = :uploadId")
    long draftUses(UUID tenantId, UUID uploadId);
}
