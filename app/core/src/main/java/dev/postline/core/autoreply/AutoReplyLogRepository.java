package dev.postline.core.autoreply;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AutoReplyLogRepository extends GenericRepository<AutoReplyLog, UUID> {

    AutoReplyLog save(AutoReplyLog log);

    Optional<AutoReplyLog> findByTenantIdAndId(UUID tenantId, UUID id);

    /** Auto-replies to this sender from this touchpoint since {@code since}: the per-sender cap. */
    long countByTenantIdAndTouchpointIdAndSenderAddressAndCreatedAtGreaterThan(UUID tenantId, UUID touchpointId, String senderAddress,
                                                                                 Instant since);

    @Query("SELECT * FROM auto_reply_log WHERE tenant_id = :tenantId AND outbound_message_id IS NULL AND created_at < :before "
            + "ORDER BY created_at LIMIT 50")
    List<AutoReplyLog> pending(UUID tenantId, Instant before);

    /** Records the queued reply; 0 when another worker queued it first. */
    @Query("UPDATE auto_reply_log SET outbound_message_id = :messageId WHERE tenant_id = :tenantId AND id = :id "
            + "AND outbound_message_id IS NULL")
    int markQueued(UUID tenantId, UUID id, UUID messageId);
}
