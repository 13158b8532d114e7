package dev.postline.core.branding;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StandardResponseRepository extends GenericRepository<StandardResponse, UUID> {

    StandardResponse save(StandardResponse response);

    StandardResponse update(StandardResponse response);

    Optional<StandardResponse> findByTenantIdAndId(UUID tenantId, UUID id);

    Optional<StandardResponse> findByTenantIdAndScopeKeyAndNameKey(UUID tenantId, String scopeKey, String nameKey);

    List<StandardResponse> findByTenantIdOrderByNameKey(UUID tenantId);

    List<StandardResponse> findByTenantIdAndScopeKeyInListOrderByNameKey(UUID tenantId, List<String> scopeKeys);

    int deleteByTenantIdAndId(UUID tenantId, UUID id);
}
