package dev.postline.core.branding;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BrandingImageRepository extends GenericRepository<BrandingImage, UUID> {

    BrandingImage save(BrandingImage image);

    List<BrandingImage> findByTenantIdAndTouchpointIdOrderByCreatedAt(UUID tenantId, UUID touchpointId);

    Optional<BrandingImage> findByTenantIdAndTouchpointIdAndId(UUID tenantId, UUID touchpointId, UUID id);

    long countByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);

    int deleteByTenantIdAndTouchpointIdAndId(UUID tenantId, UUID touchpointId, UUID id);
}
