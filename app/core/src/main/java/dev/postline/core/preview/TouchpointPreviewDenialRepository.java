package dev.postline.core.preview;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TouchpointPreviewDenialRepository extends GenericRepository<TouchpointPreviewDenial, UUID> {

    TouchpointPreviewDenial save(TouchpointPreviewDenial denial);

    List<TouchpointPreviewDenial> findByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);

    List<TouchpointPreviewDenial> findByTenantIdAndTouchpointIdInList(UUID tenantId, Collection<UUID> touchpointIds);

    int deleteByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);
}
