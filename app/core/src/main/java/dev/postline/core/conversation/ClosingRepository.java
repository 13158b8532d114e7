package dev.postline.core.conversation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ClosingRepository extends GenericRepository<Closing, UUID> {

    Closing save(Closing closing);

    List<Closing> findByTenantIdAndConversationIdOrderByClosedAt(UUID tenantId, UUID conversationId);

    boolean existsByTenantIdAndDispositionId(UUID tenantId, UUID dispositionId);
}
