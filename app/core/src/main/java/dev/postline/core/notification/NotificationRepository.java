package dev.postline.core.notification;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NotificationRepository extends GenericRepository<Notification, UUID> {

    Notification save(Notification notification);

    Notification update(Notification notification);

    Optional<Notification> findByTenantIdAndId(UUID tenantId, UUID id);

    boolean existsByTenantIdAndDedupeKey(UUID tenantId, String dedupeKey);

    @Query("SELECT * FROM notification WHERE tenant_id = :tenantId ORDER BY created_at DESC, id LIMIT :limit")
    List<Notification> newest(UUID tenantId, int limit);

    @Query("SELECT * FROM notification WHERE tenant_id = :tenantId AND read_at IS NULL ORDER BY created_at DESC, id LIMIT :limit")
    List<Notification> newestUnread(UUID tenantId, int limit);

    long countByTenantIdAndReadAtIsNull(UUID tenantId);
}
