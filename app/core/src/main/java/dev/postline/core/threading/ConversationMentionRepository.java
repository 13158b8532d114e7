package dev.postline.core.threading;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConversationMentionRepository extends GenericRepository<ConversationMention, UUID> {

    ConversationMention save(ConversationMention mention);

    List<ConversationMention> findByTenantIdAndConversationIdInListOrderByMentionedNumber(UUID tenantId, Collection<UUID> conversationIds);
}
