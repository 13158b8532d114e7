package dev.postline.core.workflow;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationQueue;
import dev.postline.core.conversation.ConversationQueueRepository;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.NoteService;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.ingest.QueueRouter;
import dev.postline.core.ringgroup.RingGroup;
import dev.postline.core.ringgroup.RingGroupRepository;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserRepository;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Transfers: to a ring group's queue (at once, unassigned), or offered to one agent, who accepts or
 * declines; an offer not accepted within the touchpoint's {@code transferAcceptSeconds} returns the
 * conversation to its previous assignee and queue, with an internal note. Only the assigned agent, a
 * supervisor or an admin may transfer; only the agent offered to may answer the offer.
 */
@Singleton
public class TransferService {

    @Serdeable
    public record TransferRequest(@Nullable UUID ringGroupId, @Nullable UUID userId) {}

    private final ConversationService conversations;
    private final ConversationRepository repository;
    private final ConversationQueueRepository queues;
    private final ConversationTransferRepository transfers;
    private final RingGroupRepository groups;
    private final UserRepository users;
    private final TouchpointRepository touchpoints;
    private final TouchpointSettingsCodec settings;
    private final NoteService notes;
    private final QueueRouter router;
    private final TenantTransactions tx;
    private final EventBus events;
    private final Clock clock;

    public TransferService(ConversationService conversations, ConversationRepository repository, ConversationQueueRepository queues,
                           ConversationTransferRepository transfers, RingGroupRepository groups, UserRepository users,
                           TouchpointRepository touchpoints, TouchpointSettingsCodec settings, NoteService notes, QueueRouter router,
                           TenantTransactions tx, EventBus events, Clock clock) {
        this.conversations = conversations;
        this.repository = repository;
        this.queues = queues;
        this.transfers = transfers;
        this.groups = groups;
        this.users = users;
        this.touchpoints = touchpoints;
        this.settings = settings;
        this.notes = notes;
        this.router = router;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /** The offer waiting on the conversation, if any. */
    public Optional<ConversationTransfer> pending(Viewer viewer, UUID conversationId) {
        return tx.read(viewer.tenant(), () -> {
            conversations.requireVisible(viewer, conversationId);
            return pendingOf(viewer.tenant(), conversationId);
        });
    }

    public Conversation transfer(Viewer viewer, UUID conversationId, TransferRequest request) {
        InputCheck in = InputCheck.start();
        in.check((request.ringGroupId() == null) != (request.userId() == null), "ringGroupId",
                "give either ringGroupId (to a queue) or userId (to an agent), not both");
        in.orThrow();
        TenantId tenant = viewer.tenant();
        Instant now = clock.instant();
        ConversationEvent event = tx.write(tenant, () -> {
            Conversation c = conversations.requireVisible(viewer, conversationId);
            if (!viewer.seesAll() && (viewer.userId() == null || !viewer.userId().equals(c.assignedUserId()))) {
                throw ApiException.forbidden("only the assigned agent, a supervisor or an admin can transfer this conversation");
            }
            Optional<ConversationTransfer> earlier = pendingOf(tenant, conversationId);
            earlier.ifPresent(t -> transfers.update(t.resolved(ConversationTransfer.Status.CANCELLED, now)));
            return request.ringGroupId() != null
                    ? toQueue(viewer, c, request.ringGroupId())
                    : offer(viewer, c, request.userId(), earlier, now);
        });
        events.publish(event);
        return tx.read(tenant, () -> repository.findByTenantIdAndId(tenant.value(), conversationId).orElseThrow());
    }

    public Conversation accept(Viewer viewer, UUID conversationId) {
        return answer(viewer, conversationId, true);
    }

    public Conversation decline(Viewer viewer, UUID conversationId) {
        return answer(viewer, conversationId, false);
    }

    /** Returns every offer of the tenant not accepted in time; called by the scheduled sweep. */
    public int expireDue(TenantId tenant) {
        List<ConversationEvent> published = new ArrayList<>();
        int expired = tx.write(tenant, () -> {
            Instant now = clock.instant();
            List<ConversationTransfer> due = transfers.findByTenantIdAndStatusAndExpiresAtLessThan(tenant.value(),
                    ConversationTransfer.Status.PENDING, now);
            for (ConversationTransfer t : due) {
                transfers.update(t.resolved(ConversationTransfer.Status.EXPIRED, now));
                Conversation c = repository.findByTenantIdAndId(tenant.value(), t.conversationId()).orElseThrow();
                notes.addSystemNote(tenant, c.id(), "The transfer to " + userName(tenant, t.targetUserId())
                        + " was not accepted in time; the conversation went back to " + previousPlace(tenant, t) + ".");
                published.add(event(ConversationEvent.Type.TRANSFER_EXPIRED, tenant, restore(tenant, c, t)));
            }
            return due.size();
        });
        published.forEach(events::publish);
        return expired;
    }

    private ConversationEvent toQueue(Viewer viewer, Conversation c, UUID ringGroupId) {
        TenantId tenant = viewer.tenant();
        RingGroup group = groups.findByTenantIdAndId(tenant.value(), ringGroupId)
                .orElseThrow(() -> ApiException.invalid("ringGroupId", "no such ring group"));
        requeue(tenant, c.id(), Set.of(group.id()));
        Conversation moved = repository.update(c.withAssignment(null, null));
        notes.addSystemNote(tenant, c.id(), "Transferred to the queue " + group.name() + " by " + userName(tenant, viewer.userId()) + ".");
        return event(ConversationEvent.Type.TRANSFERRED, tenant, moved);
    }

    private ConversationEvent offer(Viewer viewer, Conversation c, UUID userId, Optional<ConversationTransfer> earlier, Instant now) {
        TenantId tenant = viewer.tenant();
        UserAccount target = users.findByTenantIdAndId(tenant.value(), userId).filter(UserAccount::enabled)
                .orElseThrow(() -> ApiException.invalid("userId", "no such enabled user"));
        // Offered again before an answer: the conversation still goes back to where it was before the first offer.
        UUID previousUser = earlier.map(ConversationTransfer::previousUserId).orElse(c.assignedUserId());
        String previousGroups = earlier.map(ConversationTransfer::previousGroups).orElseGet(() ->
                router.queueOf(tenant, c.id()).stream().map(UUID::toString).collect(Collectors.joining(",")));
        WorkflowPolicy policy = WorkflowPolicy.from(settings.read(
                touchpoints.findByTenantIdAndId(tenant.value(), c.touchpointId()).orElseThrow().settings()));
        transfers.save(new ConversationTransfer(UUID.randomUUID(), tenant.value(), c.id(), viewer.userId(), target.id(), previousUser,
                previousGroups, ConversationTransfer.Status.PENDING, now, now.plus(policy.transferAccept()), null));
        Conversation offered = repository.update(c.withAssignment(target.id(), null));
        notes.addSystemNote(tenant, c.id(), "Offered to " + target.displayName() + " by " + userName(tenant, viewer.userId())
                + "; waiting " + policy.transferAccept().toSeconds() + " s for them to accept.");
        return event(ConversationEvent.Type.TRANSFER_OFFERED, tenant, offered);
    }

    private Conversation answer(Viewer viewer, UUID conversationId, boolean accepted) {
        TenantId tenant = viewer.tenant();
        ConversationEvent event = tx.write(tenant, () -> {
            Conversation c = conversations.requireVisible(viewer, conversationId);
            ConversationTransfer t = pendingOf(tenant, conversationId)
                    .orElseThrow(() -> ApiException.conflict("no transfer of this conversation is waiting for an answer"));
            if (viewer.userId() == null || !viewer.userId().equals(t.targetUserId())) {
                throw ApiException.forbidden("only the agent the conversation was offered to can answer the transfer");
            }
            Instant now = clock.instant();
            if (accepted) {
                transfers.update(t.resolved(ConversationTransfer.Status.ACCEPTED, now));
                notes.addSystemNote(tenant, c.id(), userName(tenant, t.targetUserId()) + " accepted the transfer.");
                return event(ConversationEvent.Type.TRANSFER_ACCEPTED, tenant, c);
            }
            transfers.update(t.resolved(ConversationTransfer.Status.DECLINED, now));
            notes.addSystemNote(tenant, c.id(), userName(tenant, t.targetUserId()) + " declined the transfer; the conversation went back to "
                    + previousPlace(tenant, t) + ".");
            return event(ConversationEvent.Type.TRANSFER_DECLINED, tenant, restore(tenant, c, t));
        });
        events.publish(event);
        return tx.read(tenant, () -> repository.findByTenantIdAndId(tenant.value(), conversationId).orElseThrow());
    }

    /** Puts back the assignee and queue saved with the offer, unless someone took the conversation meanwhile. */
    private Conversation restore(TenantId tenant, Conversation c, ConversationTransfer t) {
        if (!t.targetUserId().equals(c.assignedUserId())) {
            return c;
        }
        requeue(tenant, c.id(), groupsOf(t));
        return repository.update(c.withAssignment(t.previousUserId(), null));
    }

    private void requeue(TenantId tenant, UUID conversationId, Set<UUID> groupIds) {
        queues.deleteByTenantIdAndConversationId(tenant.value(), conversationId);
        groupIds.forEach(g -> queues.save(new ConversationQueue(UUID.randomUUID(), tenant.value(), conversationId, g)));
    }

    private static Set<UUID> groupsOf(ConversationTransfer t) {
        return t.previousGroups().isBlank() ? Set.of()
                : Arrays.stream(t.previousGroups().split(",")).map(UUID::fromString).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private String previousPlace(TenantId tenant, ConversationTransfer t) {
        String queue = groupsOf(t).stream().map(g -> groups.findByTenantIdAndId(tenant.value(), g).map(RingGroup::name).orElse("a deleted group"))
                .collect(Collectors.joining(", "));
        String who = t.previousUserId() == null ? "unassigned" : "assigned to " + userName(tenant, t.previousUserId());
        return (queue.isEmpty() ? "no queue" : "the queue " + queue) + ", " + who;
    }

    private String userName(TenantId tenant, @Nullable UUID userId) {
        return userId == null ? "an API client" : users.findByTenantIdAndId(tenant.value(), userId).map(UserAccount::displayName).orElse("a removed user");
    }

    private Optional<ConversationTransfer> pendingOf(TenantId tenant, UUID conversationId) {
        return transfers.findByTenantIdAndConversationIdAndStatus(tenant.value(), conversationId, ConversationTransfer.Status.PENDING);
    }

    private ConversationEvent event(ConversationEvent.Type type, TenantId tenant, Conversation c) {
        return new ConversationEvent(type, tenant, c.id(), null, router.queueOf(tenant, c.id()), c.assignedUserId(), clock.instant());
    }
}
