package dev.postline.core.disposition;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TouchpointDispositionRepository extends GenericRepository<TouchpointDisposition, UUID> {

    TouchpointDisposition save(TouchpointDisposition link);

    List<TouchpointDisposition> findByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);

    int deleteByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);
}
