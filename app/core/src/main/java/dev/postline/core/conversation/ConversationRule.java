package dev.postline.core.conversation;

import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The state rule of a conversation — the one place that says which change is allowed from which
 * state, by whom, and what state it leaves. {@link ConversationStates} writes a change only while the
 * conversation is still in the state the change was decided on.
 *
 * <pre>
 * change             allowed from                             by                                   leaves
 * claim              unassigned, or the caller's own          a signed-in user                     assigned to the caller, no deadline
 * take over          assigned to another user                 supervisors, admins                  assigned to the caller, no deadline
 * release            assigned                                 its assignee, supervisors, admins    unassigned, no deadline
 * take a follow-up   the caller's own, with a deadline        its assignee (claiming or reading)   no deadline
 * follow-up overdue  assigned, deadline passed                the deadline sweep                   unassigned, no deadline
 * close              open                                     anyone who sees it                   closed with the disposition (or none)
 * reopen             closed                                   anyone who sees it; a reply; a       open, no disposition (the closing
 *                                                             customer's follow-up                 keeps it in the history)
 * to a queue         any                                      its assignee, supervisors, admins    unassigned, no deadline
 * offer              any                                      its assignee, supervisors, admins    assigned to the target (offer pending)
 * accept an offer    an offer pending for the caller          the target                           unchanged
 * decline an offer   an offer pending for the caller          the target                           its assignee before the offer
 * offer expires      an offer pending, not answered in time   the transfer sweep                   its assignee before the offer
 * </pre>
 *
 * Refusals are 409 (the state does not allow it) or 403 (the caller may not). Which queue a
 * conversation is in, and the offer rows themselves, are kept by the transfer service.
 */
public final class ConversationRule {

    private ConversationRule() {}

    /** {@code nameOf} names the holder in a refusal. */
    public static Conversation claim(Conversation c, Viewer viewer, Function<UUID, String> nameOf) {
        UUID me = signedIn(viewer, "take a conversation");
        // Agents take what is free (or already theirs); taking over a colleague's conversation is a supervisor's call.
        if (c.assignedUserId() != null && !c.assignedUserId().equals(me) && !viewer.seesAll()) {
            throw ApiException.conflict("this conversation is already assigned to another agent (" + nameOf.apply(c.assignedUserId())
                    + "); a supervisor or an admin can take it over or transfer it");
        }
        return c.withAssignment(me, null);
    }

    public static Conversation release(Conversation c, Viewer viewer) {
        if (c.assignedUserId() == null) {
            throw ApiException.conflict("this conversation is not assigned to anyone");
        }
        if (!viewer.seesAll() && !c.assignedUserId().equals(viewer.userId())) {
            throw ApiException.forbidden("only the assigned agent, a supervisor or an admin can release this conversation");
        }
        return c.withAssignment(null, null);
    }

    /** Reading a follow-up is taking it: the assignee's deadline is met. Anyone else's reading changes nothing. */
    public static Conversation takeFollowUp(Conversation c, Viewer viewer) {
        boolean mine = viewer.userId() != null && viewer.userId().equals(c.assignedUserId());
        return mine ? c.withAssignment(c.assignedUserId(), null) : c;
    }

    /** The follow-up whose assignee did not take it in time goes back to the queue; empty when that is not (or no longer) so. */
    public static Optional<Conversation> followUpOverdue(Conversation c, Instant now) {
        boolean overdue = c.assignedUserId() != null && c.agentDeadline() != null && c.agentDeadline().isBefore(now);
        return overdue ? Optional.of(c.withAssignment(null, null)) : Optional.empty();
    }

    public static Conversation close(Conversation c, @Nullable UUID dispositionId) {
        if (c.status() == ConversationStatus.CLOSED) {
            throw ApiException.conflict("this conversation is already closed");
        }
        return c.withStatus(ConversationStatus.CLOSED).withDisposition(dispositionId);
    }

    public static Conversation reopen(Conversation c) {
        if (c.status() == ConversationStatus.OPEN) {
            throw ApiException.conflict("this conversation is already open");
        }
        return c.withStatus(ConversationStatus.OPEN);
    }

    /** Refuses (403) a transfer by someone who neither holds the conversation nor supervises. */
    public static void mayTransfer(Conversation c, Viewer viewer) {
        if (!viewer.seesAll() && (viewer.userId() == null || !viewer.userId().equals(c.assignedUserId()))) {
            throw ApiException.forbidden("only the assigned agent, a supervisor or an admin can transfer this conversation");
        }
    }

    public static Conversation toQueue(Conversation c, Viewer viewer) {
        mayTransfer(c, viewer);
        return c.withAssignment(null, null);
    }

    public static Conversation offer(Conversation c, Viewer viewer, UUID target) {
        mayTransfer(c, viewer);
        return c.withAssignment(target, null);
    }

    /**
     * The answer of the agent an offer was made to ({@code offeredTo}, null when no offer is pending);
     * a declined offer puts back {@code previous}.
     */
    public static Conversation answer(Conversation c, Viewer viewer, @Nullable UUID offeredTo, @Nullable UUID previous,
                                      boolean accepted) {
        if (offeredTo == null) {
            throw ApiException.conflict("no transfer of this conversation is waiting for an answer");
        }
        if (viewer.userId() == null || !viewer.userId().equals(offeredTo)) {
            throw ApiException.forbidden("only the agent the conversation was offered to can answer the transfer");
        }
        return accepted ? c : expired(c, offeredTo, previous);
    }

    /** An offer not answered in time: back to {@code previous}, unless someone took the conversation meanwhile. */
    public static Conversation expired(Conversation c, UUID offeredTo, @Nullable UUID previous) {
        return offeredTo.equals(c.assignedUserId()) ? c.withAssignment(previous, null) : c;
    }

    private static UUID signedIn(Viewer viewer, String toDo) {
        if (viewer.userId() == null) {
            throw ApiException.forbidden("only a signed-in user can " + toDo);
        }
        return viewer.userId();
    }
}
