package dev.postline.core.conversation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConversationQueueRepository extends GenericRepository<ConversationQueue, UUID> {

    ConversationQueue save(ConversationQueue entry);

    int deleteByTenantIdAndConversationId(UUID tenantId, UUID conversationId);

    List<ConversationQueue> findByTenantIdAndConversationId(UUID tenantId, UUID conversationId);
}
