package dev.postline.core.branding;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BrandingSettingsRepository extends GenericRepository<BrandingSettings, UUID> {

    BrandingSettings save(BrandingSettings settings);

    BrandingSettings update(BrandingSettings settings);

    Optional<BrandingSettings> findByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);
}
