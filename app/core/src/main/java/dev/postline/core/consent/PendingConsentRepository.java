package dev.postline.core.consent;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PendingConsentRepository extends GenericRepository<PendingConsent, UUID> {

    PendingConsent save(PendingConsent consent);

    Optional<PendingConsent> findByTenantIdAndStateHash(UUID tenantId, String stateHash);

    List<PendingConsent> findByTenantIdAndExpiresAtLessThan(UUID tenantId, Instant now);

    /** 1 for the caller that used the state, 0 for everyone after: the one-time guarantee. */
    int deleteByTenantIdAndId(UUID tenantId, UUID id);
}
