package dev.postline.core.ingest;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface QuarantineRepository extends GenericRepository<QuarantinedMail, UUID> {

    QuarantinedMail save(QuarantinedMail mail);

    QuarantinedMail update(QuarantinedMail mail);

    Optional<QuarantinedMail> findByTenantIdAndId(UUID tenantId, UUID id);

    boolean existsByTenantIdAndTouchpointIdAndProviderId(UUID tenantId, UUID touchpointId, String providerId);

    /** Which of {@code providerIds} the touchpoint holds in the quarantine. */
    List<String> findProviderIdByTenantIdAndTouchpointIdAndProviderIdInList(UUID tenantId, UUID touchpointId,
                                                                             List<String> providerIds);

    List<QuarantinedMail> findByTenantIdOrderByCreatedAtDesc(UUID tenantId);
}
