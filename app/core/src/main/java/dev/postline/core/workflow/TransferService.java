package dev.postline.core.workflow;

import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationQueue;
import dev.postline.core.conversation.ConversationQueueRepository;
import dev.postline.core.conversation.ConversationRule;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.ConversationStates;
import dev.postline.core.conversation.NoteService;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.events.ConversationEvent;
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
    public record TransferRequest(@Nullable UUID ringGroupId, @Nullable UUID userId, @Nullable Long version) {}

    private final ConversationService conversations;
    private final ConversationStates states;
    private final ConversationQueueRepository queues;
    private final ConversationTransferRepository transfers;
    private final RingGroupRepository groups;
    private final UserRepository users;
    private final TouchpointRepository touchpoints;
    private final TouchpointSettingsCodec settings;
    private final NoteService notes;
    private final QueueRouter router;
    private final TenantTransactions tx;
    private final Clock clock;

    public TransferService(ConversationService conversations, ConversationStates states, ConversationQueueRepository queues,
                           ConversationTransferRepository transfers, RingGroupRepository groups, UserRepository users,
                           TouchpointRepository touchpoints, TouchpointSettingsCodec settings, NoteService notes, QueueRouter router,
                           TenantTransactions tx, Clock clock) {
        this.conversations = conversations;
        this.states = states;
        this.queues = queues;
        this.transfers = transfers;
        this.groups = groups;
        this.users = users;
        this.touchpoints = touchpoints;
        this.settings = settings;
        this.notes = notes;
        this.router = router;
        this.tx = tx;
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
        return states.apply(tenant, () -> conversations.requireVisible(viewer, conversationId), request.version(), c -> {
            ConversationRule.mayTransfer(c, viewer);
            // A transfer replaces an offer still waiting for an answer.
            Optional<ConversationTransfer> earlier = pendingOf(tenant, c.id());
            Runnable cancelEarlier = () -> earlier.ifPresent(t -> resolve(t, ConversationTransfer.Status.CANCELLED));
            return request.ringGroupId() != null
                    ? toQueue(viewer, c, request.ringGroupId(), cancelEarlier)
                    : offer(viewer, c, request.userId(), earlier, cancelEarlier);
        });
    }

    public Conversation accept(Viewer viewer, UUID conversationId, @Nullable Long version) {
        return answer(viewer, conversationId, true, version);
    }

    public Conversation decline(Viewer viewer, UUID conversationId, @Nullable Long version) {
        return answer(viewer, conversationId, false, version);
    }

    /**
     * Returns every offer of the tenant not accepted in time; called by the scheduled sweep. Each
     * return is atomic against the agent's answer: exactly one of them happens.
     */
    public int expireDue(TenantId tenant) {
        int expired = 0;
        List<ConversationTransfer> due = tx.read(tenant, () -> transfers.findByTenantIdAndStatusAndExpiresAtLessThan(tenant.value(),
                ConversationTransfer.Status.PENDING, clock.instant()));
        for (ConversationTransfer offer : due) {
            boolean back = states.applyIfStill(tenant, offer.conversationId(), c -> pendingOf(tenant, c.id())
                    .filter(t -> t.id().equals(offer.id()))
                    .map(t -> giveBack(tenant, c, t, ConversationTransfer.Status.EXPIRED, ConversationEvent.Type.TRANSFER_EXPIRED,
                            "The transfer to " + userName(tenant, t.targetUserId()) + " was not accepted in time; the conversation went back to "
                                    + previousPlace(tenant, t) + "."))
                    .orElseGet(() -> ConversationStates.Step.none(c))).isPresent();
            expired += back ? 1 : 0;
        }
        return expired;
    }

    private ConversationStates.Step toQueue(Viewer viewer, Conversation c, UUID ringGroupId, Runnable cancelEarlier) {
        TenantId tenant = viewer.tenant();
        RingGroup group = groups.findByTenantIdAndId(tenant.value(), ringGroupId)
                .orElseThrow(() -> ApiException.invalid("ringGroupId", "no such ring group"));
        return ConversationStates.Step.to(ConversationRule.toQueue(c, viewer), ConversationEvent.Type.TRANSFERRED).with(() -> {
            cancelEarlier.run();
            requeue(tenant, c.id(), Set.of(group.id()));
            notes.addSystemNote(tenant, c.id(), "Transferred to the queue " + group.name() + " by " + userName(tenant, viewer.userId()) + ".");
        });
    }

    private ConversationStates.Step offer(Viewer viewer, Conversation c, UUID userId, Optional<ConversationTransfer> earlier,
                                          Runnable cancelEarlier) {
        TenantId tenant = viewer.tenant();
        UserAccount target = users.findByTenantIdAndId(tenant.value(), userId).filter(UserAccount::enabled)
                .orElseThrow(() -> ApiException.invalid("userId", "no such enabled user"));
        // Offered again before an answer: the conversation still goes back to where it was before the first offer.
        UUID previousUser = earlier.map(ConversationTransfer::previousUserId).orElse(c.assignedUserId());
        String previousGroups = earlier.map(ConversationTransfer::previousGroups).orElseGet(() ->
                router.queueOf(tenant, c.id()).stream().map(UUID::toString).collect(Collectors.joining(",")));
        WorkflowPolicy policy = WorkflowPolicy.from(settings.read(
                touchpoints.findByTenantIdAndId(tenant.value(), c.touchpointId()).orElseThrow().settings()));
        Instant now = clock.instant();
        return ConversationStates.Step.to(ConversationRule.offer(c, viewer, target.id()), ConversationEvent.Type.TRANSFER_OFFERED).with(() -> {
            cancelEarlier.run();
            transfers.save(new ConversationTransfer(UUID.randomUUID(), tenant.value(), c.id(), viewer.userId(), target.id(), previousUser,
                    previousGroups, ConversationTransfer.Status.PENDING, now, now.plus(policy.transferAccept()), null));
            notes.addSystemNote(tenant, c.id(), "Offered to " + target.displayName() + " by " + userName(tenant, viewer.userId())
                    + "; waiting " + policy.transferAccept().toSeconds() + " s for them to accept.");
        });
    }

    private Conversation answer(Viewer viewer, UUID conversationId, boolean accepted, @Nullable Long version) {
        TenantId tenant = viewer.tenant();
        return states.apply(tenant, () -> conversations.requireVisible(viewer, conversationId), version, c -> {
            Optional<ConversationTransfer> pending = pendingOf(tenant, c.id());
            ConversationRule.answer(c, viewer, pending.map(ConversationTransfer::targetUserId).orElse(null),
                    pending.map(ConversationTransfer::previousUserId).orElse(null), accepted);
            ConversationTransfer t = pending.orElseThrow();
            if (accepted) {
                return ConversationStates.Step.to(c, ConversationEvent.Type.TRANSFER_ACCEPTED).with(() -> {
                    resolve(t, ConversationTransfer.Status.ACCEPTED);
                    notes.addSystemNote(tenant, c.id(), userName(tenant, t.targetUserId()) + " accepted the transfer.");
                });
            }
            return giveBack(tenant, c, t, ConversationTransfer.Status.DECLINED, ConversationEvent.Type.TRANSFER_DECLINED,
                    userName(tenant, t.targetUserId()) + " declined the transfer; the conversation went back to " + previousPlace(tenant, t) + ".");
        });
    }

    /** Puts back the assignee and queue saved with the offer, unless someone took the conversation meanwhile. */
    private ConversationStates.Step giveBack(TenantId tenant, Conversation c, ConversationTransfer t, ConversationTransfer.Status outcome,
                                             ConversationEvent.Type event, String note) {
        Conversation back = ConversationRule.expired(c, t.targetUserId(), t.previousUserId());
        boolean restored = t.targetUserId().equals(c.assignedUserId());
        return ConversationStates.Step.to(back, event).with(() -> {
            resolve(t, outcome);
            if (restored) {
                requeue(tenant, c.id(), groupsOf(t));
            }
            notes.addSystemNote(tenant, c.id(), note);
        });
    }

    /** Ends an offer that is still pending; under the conversation's compare-and-set, so never twice. */
    private void resolve(ConversationTransfer t, ConversationTransfer.Status outcome) {
        if (transfers.resolve(t.tenantId(), t.id(), outcome.name(), clock.instant()) != 1) {
            throw ApiException.conflict("the transfer was answered meanwhile");
        }
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
}
