package dev.postline.core.token;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OAuthGrantRepository extends GenericRepository<OAuthGrantRecord, UUID> {

    OAuthGrantRecord save(OAuthGrantRecord grant);

    OAuthGrantRecord update(OAuthGrantRecord grant);

    Optional<OAuthGrantRecord> findByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);

    /** Grants whose refresh token has not been used since {@code before} and that are not known to be revoked. */
    List<OAuthGrantRecord> findByTenantIdAndLastRefreshAtLessThanAndRevokedAtIsNull(UUID tenantId, Instant before);
}
