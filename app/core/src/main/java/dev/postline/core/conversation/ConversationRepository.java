package dev.postline.core.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConversationRepository extends GenericRepository<Conversation, UUID> {

    Conversation save(Conversation conversation);

    Conversation update(Conversation conversation);

    Optional<Conversation> findByTenantIdAndId(UUID tenantId, UUID id);

    boolean existsByTenantIdAndTouchpointId(UUID tenantId, UUID touchpointId);

    boolean existsByTenantIdAndDispositionId(UUID tenantId, UUID dispositionId);

    Optional<Conversation> findByTenantIdAndTouchpointIdAndNumber(UUID tenantId, UUID touchpointId, long number);

    List<Conversation> findByTenantIdAndAgentDeadlineLessThan(UUID tenantId, Instant deadline);

    /**
     * Writes a new workflow state if the conversation is still at {@code version} (compare-and-set);
     * 0 when another change came first. Only {@link ConversationStates} calls this.
     */
    @Query("""
            UPDATE conversation SET status = :status, assigned_user_id = :assignedUserId, agent_deadline = :agentDeadline,
                   disposition_id = :dispositionId, version = version + 1
            WHERE tenant_id = :tenantId AND id = :id AND version = :version""")
    int transition(UUID tenantId, UUID id, long version, String status, @Nullable UUID assignedUserId,
                   @Nullable Instant agentDeadline, @Nullable UUID dispositionId);

    /**
     * Reopens a closed conversation (an agent's reply, a failed delivery) without its current
     * disposition (the closing history keeps it); 0 when it is open. One conditional statement: it
     * never undoes a concurrent change, and two replies reopening at once both succeed.
     */
    @Query("""
            UPDATE conversation SET status = 'OPEN', disposition_id = NULL, version = version + 1
            WHERE tenant_id = :tenantId AND id = :id AND status <> 'OPEN'""")
    int reopenIfClosed(UUID tenantId, UUID id);

    @Query("UPDATE conversation SET unread = :unread WHERE tenant_id = :tenantId AND id = :id")
    int markUnread(UUID tenantId, UUID id, boolean unread);
}
