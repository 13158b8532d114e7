package dev.postline.core.workflow;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConversationTransferRepository extends GenericRepository<ConversationTransfer, UUID> {

    ConversationTransfer save(ConversationTransfer transfer);

    /** Ends the offer with {@code status} if it is still pending; 0 when it was answered, expired or replaced meanwhile. */
    @Query("UPDATE conversation_transfer SET status = :status, resolved_at = :at WHERE tenant_id = :tenantId AND id = :id AND status = 'PENDING'")
    int resolve(UUID tenantId, UUID id, String status, Instant at);

    Optional<ConversationTransfer> findByTenantIdAndConversationIdAndStatus(UUID tenantId, UUID conversationId,
                                                                            ConversationTransfer.Status status);

    List<ConversationTransfer> findByTenantIdAndStatusAndExpiresAtLessThan(UUID tenantId, ConversationTransfer.Status status,
                                                                           Instant now);
}
