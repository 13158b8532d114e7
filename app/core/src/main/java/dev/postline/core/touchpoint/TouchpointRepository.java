package dev.postline.core.touchpoint;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TouchpointRepository extends GenericRepository<Touchpoint, UUID> {

    Touchpoint save(Touchpoint touchpoint);

    Touchpoint update(Touchpoint touchpoint);

    Optional<Touchpoint> findByTenantIdAndId(UUID tenantId, UUID id);

    boolean existsByTenantIdAndNameKey(UUID tenantId, String nameKey);

    Optional<Touchpoint> findByTenantIdAndNameKey(UUID tenantId, String nameKey);

    List<Touchpoint> findByTenantIdOrderByNameKey(UUID tenantId);

    int deleteByTenantIdAndId(UUID tenantId, UUID id);
}
