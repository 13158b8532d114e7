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
     * Marks a claimed entry as being handed to the provider now, if the lease is still this caller's;
     * committed before the send, so a crash leaves a trace of what may have gone out.
     */
    @Query("UPDATE outbox SET in_flight = TRUE, updated_at = :now "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'SENDING' AND lease_until = :leaseUntil")
    int markInFlight(UUID tenantId, UUID id, Instant leaseUntil, Instant now);

    /**
     * Queues again every entry whose sender's lease ran out (that sender died or hung). Those that
     * were in flight (or already in doubt) are marked so the next attempt settles whether the message
     * already went out; the others of the dead sender's batch were never started and are simply due.
     */
    @Query("UPDATE outbox SET status = 'QUEUED', check_sent = (check_sent OR in_flight), in_flight = FALSE, lease_until = NULL, "
            + "next_attempt_at = :now, updated_at = :now WHERE tenant_id = :tenantId AND status = 'SENDING' AND lease_until < :now")
    int recoverExpired(UUID tenantId, Instant now);

    /** Settles an entry held as DELIVERY_UNKNOWN: 1 when it was still held (two agents may race). */
    @Query("UPDATE outbox SET status = :status, check_sent = FALSE, next_attempt_at = :now, updated_at = :now "
            + "WHERE tenant_id = :tenantId AND message_id = :messageId AND status = 'DELIVERY_UNKNOWN'")
    int settleUnknown(UUID tenantId, UUID messageId, String status, Instant now);
}
