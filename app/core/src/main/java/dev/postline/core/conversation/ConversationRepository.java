package dev.postline.core.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Collection;
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

    /**
     * A page of conversations, newest activity first, after the keyset cursor ({@code beforeAt},
     * {@code beforeId}). {@code everything} lifts the visibility rule (supervisors, admins);
     * otherwise only conversations queued to one of {@code groupIds} or assigned to {@code userId}.
     * Filters are optional (null = any); {@code reportServiceKey} is a lower-cased report service name.
     */
    @Query("""
            SELECT c.* FROM conversation c
            WHERE c.tenant_id = :tenantId
              AND (c.last_message_at < :beforeAt OR (c.last_message_at = :beforeAt AND c.id < :beforeId))
              AND (:everything = TRUE OR c.assigned_user_id = :userId OR EXISTS (
                    SELECT 1 FROM conversation_queue q WHERE q.tenant_id = :tenantId AND q.conversation_id = c.id
                    AND q.ring_group_id IN (:groupIds)))
              AND (CAST(:status AS VARCHAR(20)) IS NULL OR c.status = CAST(:status AS VARCHAR(20)))
              AND (CAST(:touchpointId AS UUID) IS NULL OR c.touchpoint_id = CAST(:touchpointId AS UUID))
              AND c.blocked = :blocked
              AND (CAST(:unread AS BOOLEAN) IS NULL OR c.unread = CAST(:unread AS BOOLEAN))
              AND (CAST(:reportServiceKey AS VARCHAR(200)) IS NULL OR c.report_service_key = CAST(:reportServiceKey AS VARCHAR(200)))
              AND (:assignment = 'any' OR (:assignment = 'unassigned' AND c.assigned_user_id IS NULL)
                   OR (:assignment = 'me' AND c.assigned_user_id = :userId))
            ORDER BY c.last_message_at DESC, c.id DESC
            LIMIT :limit""")
    List<Conversation> page(UUID tenantId, Instant beforeAt, UUID beforeId, boolean everything, UUID userId,
                            Collection<UUID> groupIds, @Nullable String status, @Nullable UUID touchpointId, boolean blocked,
                            @Nullable Boolean unread, @Nullable String reportServiceKey, String assignment, int limit);
}
