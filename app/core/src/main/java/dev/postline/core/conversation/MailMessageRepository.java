package dev.postline.core.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MailMessageRepository extends GenericRepository<MailMessage, UUID> {

    MailMessage save(MailMessage message);

    MailMessage update(MailMessage message);

    Optional<MailMessage> findByTenantIdAndId(UUID tenantId, UUID id);

    List<MailMessage> findByTenantIdAndIdIn(UUID tenantId, Collection<UUID> ids);

    /**
     * Sets the delivery outcome and nothing else: the sender holds a copy read earlier, and writing
     * the whole row back would undo what others changed meanwhile (flags), and costs the bodies.
     */
    @Query("UPDATE mail_message SET delivery_status = :status, delivery_detail = :detail WHERE tenant_id = :tenantId AND id = :id")
    int updateDelivery(UUID tenantId, UUID id, String status, @Nullable String detail);

    List<MailMessage> findByTenantIdAndConversationIdOrderByReceivedAt(UUID tenantId, UUID conversationId);

    /** Which of {@code providerIds} the touchpoint has stored messages of (a batch's dedupe by provider id, in one read). */
    List<String> findProviderIdByTenantIdAndTouchpointIdAndProviderIdInList(UUID tenantId, UUID touchpointId,
                                                                             List<String> providerIds);

    boolean existsByTenantIdAndTouchpointIdAndDedupeKey(UUID tenantId, UUID touchpointId, String dedupeKey);

    Optional<MailMessage> findByTenantIdAndTouchpointIdAndDedupeKey(UUID tenantId, UUID touchpointId, String dedupeKey);

    boolean existsByTenantIdAndTouchpointIdAndMessageIdHeader(UUID tenantId, UUID touchpointId, String messageIdHeader);

    List<MailMessage> findByTenantIdAndTouchpointIdAndMessageIdHeader(UUID tenantId, UUID touchpointId, String messageIdHeader);

    long countByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);
}
