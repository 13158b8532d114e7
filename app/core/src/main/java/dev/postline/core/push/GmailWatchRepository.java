package dev.postline.core.push;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GmailWatchRepository extends GenericRepository<GmailWatchRecord, UUID> {

    GmailWatchRecord save(GmailWatchRecord watch);

    GmailWatchRecord update(GmailWatchRecord watch);

    Optional<GmailWatchRecord> findByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);

    List<GmailWatchRecord> findByTenantId(UUID tenantId);

    int deleteByTenantIdAndId(UUID tenantId, UUID id);
}
