package dev.postline.core.conversation;

import dev.postline.core.touchpoint.DataSource;
import dev.postline.core.touchpoint.DataSourceConverter;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A thread with one customer on one touchpoint. {@code number} is the tenant-wide ticket number
 * used in subject tokens ({@code [#1234]}). {@code agentDeadline} is set when a follow-up arrives on
 * an assigned conversation: unless the agent takes it by then, it returns to the queue.
 * {@code dispositionId} is the outcome of its current closing: none while open (every closing, with its
 * disposition, stays in the closing history).
 *
 * <p>{@code version} grows with every change of the workflow state (status, assignee, deadline,
 * disposition): changes are written only if the conversation is still at the version they were
 * decided on ({@link ConversationStates}); a plain {@code update} is optimistic on it too.
 *
 * <p>{@code dataSource} and {@code reportServiceName} are the touchpoint's values when the conversation
 * was created (a snapshot, like its queue: later edits of the touchpoint change nothing here);
 * conversations created before they existed have none ({@code []}, null). {@code reportServiceKey} is
 * the name in lower case, for the case-insensitive {@code reportService} filter; always derived.
 */
@MappedEntity("conversation")
public record Conversation(
        @Id UUID id,
        UUID tenantId,
        UUID touchpointId,
        long number,
        String subject,
        String customerAddress,
        String customerName,
        ConversationStatus status,
        boolean blocked,
        @Nullable UUID assignedUserId,
        @Nullable Instant agentDeadline,
        boolean unread,
        Instant createdAt,
        Instant lastMessageAt,
        @Nullable UUID dispositionId,
        @MappedProperty(converter = DataSourceConverter.class) DataSource dataSource,
        @Nullable String reportServiceName,
        @Nullable String reportServiceKey,
        @Version long version) {

    @Creator
    public Conversation {
        dataSource = dataSource == null ? DataSource.EMPTY : dataSource;
        reportServiceKey = reportServiceName == null ? null : reportServiceName.toLowerCase(Locale.ROOT);
    }

    /**
     * A new conversation, not closed with a disposition yet, carrying the touchpoint's data-source
     * key/values and report service name as they are now.
     */
    public Conversation(UUID id, UUID tenantId, UUID touchpointId, long number, String subject, String customerAddress,
                        String customerName, ConversationStatus status, boolean blocked, @Nullable UUID assignedUserId,
                        @Nullable Instant agentDeadline, boolean unread, Instant createdAt, Instant lastMessageAt,
                        DataSource dataSource, String reportServiceName) {
        this(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked, assignedUserId,
                agentDeadline, unread, createdAt, lastMessageAt, null, dataSource, reportServiceName, null, 0);
    }

    public Conversation withDisposition(@Nullable UUID newDisposition) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                assignedUserId, agentDeadline, unread, createdAt, lastMessageAt, newDisposition, dataSource,
                reportServiceName, reportServiceKey, version);
    }

    /** Open again (or still): a reopened conversation carries no disposition; its closing keeps it in the history. */
    public Conversation withStatus(ConversationStatus newStatus) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, newStatus, blocked,
                assignedUserId, agentDeadline, unread, createdAt, lastMessageAt,
                newStatus == ConversationStatus.OPEN ? null : dispositionId, dataSource,
                reportServiceName, reportServiceKey, version);
    }

    public Conversation withAssignment(@Nullable UUID userId, @Nullable Instant deadline) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                userId, deadline, unread, createdAt, lastMessageAt, dispositionId, dataSource,
                reportServiceName, reportServiceKey, version);
    }

    public Conversation withUnread(boolean newUnread) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                assignedUserId, agentDeadline, newUnread, createdAt, lastMessageAt, dispositionId, dataSource,
                reportServiceName, reportServiceKey, version);
    }

    public Conversation withNewMessage(Instant at) {
        return new Conversation(id, tenantId, touchpointId, number, subject, customerAddress, customerName, status, blocked,
                assignedUserId, agentDeadline, true, createdAt, at.isAfter(lastMessageAt) ? at : lastMessageAt, dispositionId, dataSource,
                reportServiceName, reportServiceKey, version);
    }
}
