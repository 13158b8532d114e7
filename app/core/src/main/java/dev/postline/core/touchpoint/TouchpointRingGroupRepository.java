package dev.postline.core.touchpoint;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TouchpointRingGroupRepository extends GenericRepository<TouchpointRingGroup, UUID> {

    TouchpointRingGroup save(TouchpointRingGroup link);

    List<TouchpointRingGroup> findByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);

    boolean existsByTenantIdAndRingGroupId(UUID tenantId, UUID ringGroupId);

    int deleteByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);
}
