package dev.postline.core.touchpoint;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TouchpointHealthRepository extends GenericRepository<TouchpointHealth, UUID> {

    TouchpointHealth save(TouchpointHealth health);

    TouchpointHealth update(TouchpointHealth health);

    Optional<TouchpointHealth> findByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);
}
