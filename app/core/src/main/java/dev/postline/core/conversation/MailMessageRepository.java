package dev.postline.core.conversation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MailMessageRepository extends GenericRepository<MailMessage, UUID> {

    MailMessage save(MailMessage message);

    MailMessage update(MailMessage message);

    Optional<MailMessage> findByTenantIdAndId(UUID tenantId, UUID id);

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
