package dev.postline.core.conversation;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.events.ConversationEvent;
import dev.postline.core.events.EventBus;
import dev.postline.core.ingest.QueueRouter;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserRepository;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes changes of a conversation's workflow state atomically. A change is decided on the
 * conversation as read (by {@link ConversationRule}) and written with a compare-and-set on its
 * version, in the same transaction as everything that belongs to it (history, transfer rows, notes):
 * if anyone changed the conversation in between, nothing is written. When the concurrent change left
 * status, assignee and disposition as they were (a customer's mail arrived, say), the change is
 * decided again; otherwise the caller gets a 409 naming what happened. The event is published once,
 * after the commit, by the winner only.
 */
@Singleton
public class ConversationStates {

    /** A change decided on a conversation as it is. */
    @FunctionalInterface
    public interface Change {
        /** The step to take from {@code current}, or a refusal (ApiException). Runs inside the change's transaction. */
        Step decide(Conversation current);
    }

    /**
     * What a change leaves: the conversation's new workflow state, writes that belong to it (run after
     * the conversation was taken, in the same transaction), and the event to publish.
     */
    public record Step(Conversation next, Runnable alongside, @Nullable ConversationEvent.Type event) {

        public static Step to(Conversation next, @Nullable ConversationEvent.Type event) {
            return new Step(next, () -> {}, event);
        }

        /** Nothing to change: no write, no event. */
        public static Step none(Conversation current) {
            return new Step(current, () -> {}, null);
        }

        public Step with(Runnable alsoWrite) {
            return new Step(next, () -> {
                alongside.run();
                alsoWrite.run();
            }, event);
        }
    }

    /** Unrelated concurrent changes (new mail) may each cost one more try; beyond that the caller is asked to try again. */
    private static final int ATTEMPTS = 3;

    private final ConversationRepository conversations;
    private final UserRepository users;
    private final QueueRouter router;
    private final TenantTransactions tx;
    private final EventBus events;
    private final Clock clock;

    public ConversationStates(ConversationRepository conversations, UserRepository users, QueueRouter router, TenantTransactions tx,
                              EventBus events, Clock clock) {
        this.conversations = conversations;
        this.users = users;
        this.router = router;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Applies {@code change} to the conversation {@code load} finds (inside the transaction; it checks
     * the caller may see it) and returns the conversation as written. 409 when another change won, or
     * when {@code expectedVersion} (the version the caller saw, if they say) is not the current one:
     * a take-over or a transfer is meant for the state the caller saw, not for whatever came since.
     */
    public Conversation apply(TenantId tenant, Supplier<Conversation> load, @Nullable Long expectedVersion, Change change) {
        Change checked = expectedVersion == null ? change : current -> {
            if (current.version() != expectedVersion) {
                throw ApiException.conflict("the conversation changed since version " + expectedVersion + ": it is now "
                        + describe(tenant, current) + "; this request changed nothing");
            }
            return change.decide(current);
        };
        for (int attempt = 1; ; attempt++) {
            try {
                return write(tenant, load, checked).conversation();
            } catch (Lost lost) {
                Conversation now = tx.read(tenant, load);
                if (!sameState(lost.seen, now)) {
                    throw ApiException.conflict("the conversation changed meanwhile: " + whatHappened(tenant, lost.seen, now)
                            + "; this request changed nothing");
                }
                if (attempt == ATTEMPTS) {
                    throw ApiException.conflict("the conversation is changing too often right now; try again");
                }
            }
        }
    }

    /**
     * For the scheduled sweeps: applies the change unless another one got there first (then the sweep
     * decides again, or leaves it to the next run). Empty when nothing was written.
     */
    public Optional<Conversation> applyIfStill(TenantId tenant, UUID conversationId, Change change) {
        Supplier<Conversation> load = () -> conversations.findByTenantIdAndId(tenant.value(), conversationId)
                .orElseThrow(() -> ApiException.notFound("conversation"));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Written written = write(tenant, load, change);
                return written.changed() ? Optional.of(written.conversation()) : Optional.empty();
            } catch (Lost lost) {
                // Someone else changed it: decide again on what is there now.
            } catch (ApiException refused) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private record Written(Conversation conversation, boolean changed) {}

    private Written write(TenantId tenant, Supplier<Conversation> load, Change change) {
        List<ConversationEvent.Type> published = new ArrayList<>(1);
        Written written = tx.write(tenant, () -> {
            Conversation current = load.get();
            Step step = change.decide(current);
            Conversation next = step.next();
            if (step.event() == null && sameState(current, next) && Objects.equals(current.agentDeadline(), next.agentDeadline())) {
                return new Written(current, false);
            }
            if (conversations.transition(tenant.value(), current.id(), current.version(), next.status().name(),
                    next.assignedUserId(), next.agentDeadline(), next.dispositionId()) != 1) {
                throw new Lost(current);
            }
            step.alongside().run();
            if (step.event() != null) {
                published.add(step.event());
            }
            return new Written(conversations.findByTenantIdAndId(tenant.value(), current.id()).orElseThrow(), true);
        });
        Conversation c = written.conversation();
        for (ConversationEvent.Type type : published) {
            events.publish(new ConversationEvent(type, tenant, c.id(), null, tx.read(tenant, () -> router.queueOf(tenant, c.id())),
                    c.assignedUserId(), clock.instant()));
        }
        return written;
    }

    /** Status, assignee and disposition: what a change is decided on (a deadline or new mail alone is not). */
    private static boolean sameState(Conversation a, Conversation b) {
        return a.status() == b.status() && Objects.equals(a.assignedUserId(), b.assignedUserId())
                && Objects.equals(a.dispositionId(), b.dispositionId());
    }

    private String whatHappened(TenantId tenant, Conversation seen, Conversation now) {
        List<String> happened = new ArrayList<>();
        if (seen.status() != now.status()) {
            happened.add(now.status() == ConversationStatus.CLOSED ? "already closed" : "already reopened");
        }
        if (!Objects.equals(seen.assignedUserId(), now.assignedUserId())) {
            happened.add(now.assignedUserId() == null ? "already released"
                    : "already assigned to " + nameOf(tenant, now.assignedUserId()));
        }
        if (happened.isEmpty()) {
            happened.add("closed again with another disposition");
        }
        return String.join(" and ", happened);
    }

    private String describe(TenantId tenant, Conversation c) {
        return (c.status() == ConversationStatus.CLOSED ? "closed" : "open") + " and "
                + (c.assignedUserId() == null ? "unassigned" : "assigned to " + nameOf(tenant, c.assignedUserId()));
    }

    /** A user's display name for messages ("a removed user" when gone). */
    public String nameOf(TenantId tenant, UUID userId) {
        return tx.read(tenant, () -> users.findByTenantIdAndId(tenant.value(), userId)).map(UserAccount::displayName).orElse("a removed user");
    }

    /** The conversation moved on between reading and writing; the transaction is rolled back. */
    private static final class Lost extends RuntimeException {
        final transient Conversation seen;

        Lost(Conversation seen) {
            super(null, null, false, false);
            this.seen = seen;
        }
    }
}
