package dev.postline.core.sync;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SyncStateRepository extends GenericRepository<SyncState, UUID> {

    SyncState save(SyncState state);

    SyncState update(SyncState state);

    Optional<SyncState> findByTenantIdAndTouchpointIdAndFolder(UUID tenantId, UUID touchpointId, String folder);

    int deleteByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);
}
