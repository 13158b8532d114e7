package dev.postline.core.push;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PushSubscriptionRepository extends GenericRepository<PushSubscriptionRecord, UUID> {

    PushSubscriptionRecord save(PushSubscriptionRecord subscription);

    PushSubscriptionRecord update(PushSubscriptionRecord subscription);

    Optional<PushSubscriptionRecord> findByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);

    Optional<PushSubscriptionRecord> findByTenantIdAndSubscriptionId(UUID tenantId, String subscriptionId);

    List<PushSubscriptionRecord> findByTenantId(UUID tenantId);

    int deleteByTenantIdAndId(UUID tenantId, UUID id);
}
