package dev.postline.core.draft;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DraftRepository extends GenericRepository<Draft, UUID> {

    Draft save(Draft draft);

    Draft update(Draft draft);

    Optional<Draft> findByTenantIdAndIdAndConversationIdAndAuthorUserId(UUID tenantId, UUID id, UUID conversationId, UUID authorUserId);

    List<Draft> findByTenantIdAndConversationIdAndAuthorUserIdOrderByCreatedAt(UUID tenantId, UUID conversationId, UUID authorUserId);

    /** Takes the next version if the draft is still at {@code expected}; 0 when it moved on or is gone. */
    @Query("UPDATE draft SET version = version + 1 WHERE tenant_id = :tenantId AND id = :id AND version = :expected")
    int advance(UUID tenantId, UUID id, long expected);

    /** Deletes the draft if it is still at {@code version}; 0 when it was sent, discarded or saved meanwhile. */
    @Query("DELETE FROM draft WHERE tenant_id = :tenantId AND id = :id AND author_user_id = :author AND version = :version")
    int deleteAt(UUID tenantId, UUID id, UUID author, long version);

    @Query("DELETE FROM draft WHERE tenant_id = :tenantId AND id = :id AND author_user_id = :author")
    int delete(UUID tenantId, UUID id, UUID author);
}
