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

    long countByTenantIdAndStatus(UUID tenantId, OutboxEntry.Status status);

    @Query("SELECT * FROM outbox WHERE tenant_id = :tenantId AND status = 'QUEUED' AND next_attempt_at <= :now "
            + "ORDER BY next_attempt_at LIMIT :limit")
    List<OutboxEntry> due(UUID tenantId, Instant now, int limit);

    /**
     * Takes an entry for sending until {@code leaseUntil}; 1 when this caller won it (another node or
     * loop may race).
     */
    @Query("UPDATE outbox SET status = 'SENDING', lease_until = :leaseUntil, updated_at = :now "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'QUEUED'")
    int claim(UUID tenantId, UUID id, Instant now, Instant leaseUntil);

    /** Gives back an entry claimed but not attempted, if the lease is still this caller's. */
    @Query("UPDATE outbox SET status = 'QUEUED', lease_until = NULL, updated_at = :now "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'SENDING' AND lease_until = :leaseUntil")
    int release(UUID tenantId, UUID id, Instant leaseUntil, Instant now);

    /**
     * Queues again every entry whose sender's lease ran out (that sender died or hung), marked so
     * the next attempt checks whether the message already went out.
     */
    @Query("UPDATE outbox SET status = 'QUEUED', check_sent = TRUE, lease_until = NULL, next_attempt_at = :now, updated_at = :now "
            + "WHERE tenant_id = :tenantId AND status = 'SENDING' AND lease_until < :now")
    int recoverExpired(UUID tenantId, Instant now);
}
