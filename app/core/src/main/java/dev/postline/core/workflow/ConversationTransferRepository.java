package dev.postline.core.workflow;

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

    ConversationTransfer update(ConversationTransfer transfer);

    Optional<ConversationTransfer> findByTenantIdAndConversationIdAndStatus(UUID tenantId, UUID conversationId,
                                                                            ConversationTransfer.Status status);

    List<ConversationTransfer> findByTenantIdAndStatusAndExpiresAtLessThan(UUID tenantId, ConversationTransfer.Status status,
                                                                           Instant now);
}
