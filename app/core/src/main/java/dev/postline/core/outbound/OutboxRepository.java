package dev.postline.core.outbound;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends GenericRepository<OutboxEntry, UUID> {

    OutboxEntry save(OutboxEntry entry);

    OutboxEntry update(OutboxEntry entry);

    Optional<OutboxEntry> findByTenantIdAndMessageId(UUID tenantId, UUID messageId);

    @Query("SELECT * FROM outbox WHERE tenant_id = :tenantId AND status = 'QUEUED' AND next_attempt_at <= :now "
            + "ORDER BY next_attempt_at LIMIT :limit")
    List<OutboxEntry> due(UUID tenantId, Instant now, int limit);

    /** Takes an entry for sending; 1 when this caller won it (another node or loop may race). */
    @Query("UPDATE outbox SET status = 'SENDING', updated_at = :now WHERE id = :id AND tenant_id = :tenantId AND status = 'QUEUED'")
    int claim(UUID tenantId, UUID id, Instant now);

    @Query("SELECT * FROM outbox WHERE tenant_id = :tenantId AND status = 'SENDING' AND updated_at < :before")
    List<OutboxEntry> stuckSending(UUID tenantId, Instant before);
}
