package dev.postline.core.ringgroup;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RingGroupRepository extends GenericRepository<RingGroup, UUID> {

    RingGroup save(RingGroup group);

    RingGroup update(RingGroup group);

    Optional<RingGroup> findByTenantIdAndId(UUID tenantId, UUID id);

    boolean existsByTenantIdAndNameKey(UUID tenantId, String nameKey);

    Optional<RingGroup> findByTenantIdAndNameKey(UUID tenantId, String nameKey);

    List<RingGroup> findByTenantIdOrderByNameKey(UUID tenantId);

    int deleteByTenantIdAndId(UUID tenantId, UUID id);
}
