package dev.postline.core.touchpoint;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StateChangeRepository extends GenericRepository<StateChange, UUID> {

    StateChange save(StateChange change);

    List<StateChange> findByTenantIdAndTouchpointIdOrderByChangedAtDesc(UUID tenantId, UUID touchpointId);
}
