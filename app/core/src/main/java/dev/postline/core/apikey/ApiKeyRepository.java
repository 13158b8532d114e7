package dev.postline.core.apikey;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiKeyRepository extends GenericRepository<ApiKey, UUID> {

    ApiKey save(ApiKey key);

    ApiKey update(ApiKey key);

    Optional<ApiKey> findByTenantIdAndId(UUID tenantId, UUID id);

    List<ApiKey> findByTenantIdOrderByCreatedAt(UUID tenantId);
}
