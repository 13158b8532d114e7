package dev.postline.core.ingest;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationQueue;
import dev.postline.core.conversation.ConversationQueueRepository;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.TouchpointRingGroup;
import dev.postline.core.touchpoint.TouchpointRingGroupRepository;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The routing decision. A new conversation is queued to the ring groups linked to its touchpoint
 * at this moment, and keeps that queue: later edits of the links move nothing. A follow-up on an
 * assigned conversation goes to the assigned agent, who has until the returned deadline to take
 * it before it returns to the queue. Blocked senders are queued nowhere.
 */
@Singleton
public class QueueRouter {

    private final TouchpointRingGroupRepository links;
    private final ConversationQueueRepository queues;

    public QueueRouter(TouchpointRingGroupRepository links, ConversationQueueRepository queues) {
        this.links = links;
        this.queues = queues;
    }

    /** Queues a new conversation; returns the ring groups it went to. */
    public Set<UUID> routeNew(TenantId tenant, Conversation conversation) {
        return routeNew(tenant, conversation, ringGroupsOf(tenant, conversation.touchpointId()));
    }

    /** The ring groups a touchpoint's new conversations go to. */
    public List<TouchpointRingGroup> ringGroupsOf(TenantId tenant, UUID touchpointId) {
        return links.findByTenantIdAndTouchpointId(tenant.value(), touchpointId);
    }

    /** Queues a new conversation in the ring groups of its touchpoint, read by the caller; returns them. */
    public Set<UUID> routeNew(TenantId tenant, Conversation conversation, List<TouchpointRingGroup> touchpointRingGroups) {
        Set<UUID> groups = new LinkedHashSet<>();
        if (conversation.blocked()) {
            return groups;
        }
        for (TouchpointRingGroup link : touchpointRingGroups) {
            queues.save(new ConversationQueue(UUID.randomUUID(), tenant.value(), conversation.id(), link.ringGroupId()));
            groups.add(link.ringGroupId());
        }
        return groups;
    }

    /** The queue a conversation was routed to. */
    public Set<UUID> queueOf(TenantId tenant, UUID conversationId) {
        Set<UUID> groups = new LinkedHashSet<>();
        queues.findByTenantIdAndConversationId(tenant.value(), conversationId).forEach(q -> groups.add(q.ringGroupId()));
        return groups;
    }

    /** Deadline for the assigned agent to take a follow-up, or null when nobody is assigned. */
    public Instant followUpDeadline(Conversation conversation, Duration wait, Instant now) {
        return conversation.assignedUserId() == null ? null : now.plus(wait);
    }
}
