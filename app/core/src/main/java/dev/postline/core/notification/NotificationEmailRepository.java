package dev.postline.core.notification;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NotificationEmailRepository extends GenericRepository<NotificationEmail, UUID> {

    NotificationEmail save(NotificationEmail email);

    NotificationEmail update(NotificationEmail email);

    @Query("SELECT * FROM notification_email WHERE tenant_id = :tenantId AND status = 'QUEUED' AND next_attempt_at <= :now "
            + "ORDER BY next_attempt_at LIMIT :limit")
    List<NotificationEmail> due(UUID tenantId, Instant now, int limit);

    /** Takes a row for sending; 1 when this caller won it (another node may race). */
    @Query("UPDATE notification_email SET status = 'SENDING', updated_at = :now "
            + "WHERE id = :id AND tenant_id = :tenantId AND status = 'QUEUED'")
    int claim(UUID tenantId, UUID id, Instant now);

    /** Rows a crashed sender left in SENDING go back to the queue (a resend is better than a loss). */
    @Query("UPDATE notification_email SET status = 'QUEUED', updated_at = :now "
            + "WHERE tenant_id = :tenantId AND status = 'SENDING' AND updated_at < :before")
    int requeueStuck(UUID tenantId, Instant before, Instant now);
}
