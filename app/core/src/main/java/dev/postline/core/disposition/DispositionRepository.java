package dev.postline.core.disposition;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DispositionRepository extends GenericRepository<Disposition, UUID> {

    Disposition save(Disposition disposition);

    Disposition update(Disposition disposition);

    Optional<Disposition> findByTenantIdAndId(UUID tenantId, UUID id);

    Optional<Disposition> findByTenantIdAndNameKey(UUID tenantId, String nameKey);

    List<Disposition> findByTenantIdOrderByNameKey(UUID tenantId);

    int deleteByTenantIdAndId(UUID tenantId, UUID id);
}
