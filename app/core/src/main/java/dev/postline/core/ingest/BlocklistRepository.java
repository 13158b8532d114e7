package dev.postline.core.ingest;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BlocklistRepository extends GenericRepository<BlocklistEntry, UUID> {

    BlocklistEntry save(BlocklistEntry entry);

    List<BlocklistEntry> findByTenantIdAndTouchpointIdOrderByPattern(UUID tenantId, UUID touchpointId);

    boolean existsByTenantIdAndTouchpointIdAndPatternInList(UUID tenantId, UUID touchpointId, List<String> patterns);

    /** Which of {@code patterns} are on the touchpoint's blocklist. */
    List<String> findPatternByTenantIdAndTouchpointIdAndPatternInList(UUID tenantId, UUID touchpointId, List<String> patterns);

    int deleteByTenantIdAndTouchpointIdAndId(UUID tenantId, UUID touchpointId, UUID id);
}
