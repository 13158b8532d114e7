package dev.postline.core.touchpoint;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
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

    /** Moves the connection state only if it still is {@code from}: 1 when this caller made the move. */
    @Query("UPDATE touchpoint SET connection_state = :to, updated_at = :now "
            + "WHERE tenant_id = :tenantId AND id = :id AND connection_state = :from")
    int moveState(UUID tenantId, UUID id, String from, String to, Instant now);
}
