package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.core.touchpoint.StateCause;
import dev.postline.core.touchpoint.StateChange;
import dev.postline.core.user.UserAccount;
import dev.postline.tenantadmin.web.Times;
import java.util.Map;
import java.util.UUID;

/** One entry of a touchpoint's status history as the detail page shows it. */
public record HistoryRow(String from, String to, String when, String reason, String cause, String who) {

    static HistoryRow of(StateChange change, Map<UUID, UserAccount> users) {
        return new HistoryRow(StatusBadge.of(change.fromState(), null, change.changedAt()).label(),
                StatusBadge.of(change.toState(), null, change.changedAt()).label(), Times.format(change.changedAt(), ""),
                change.reason(), causeLabel(change.cause()), who(change, users));
    }

    private static String causeLabel(StateCause cause) {
        return switch (cause) {
            case SYNC -> "Mail sync";
            case ADMIN -> "Admin";
            case SYSTEM -> "Authorization watch";
        };
    }

    private static String who(StateChange change, Map<UUID, UserAccount> users) {
        if (change.actorUserId() == null) {
            return "Postline";
        }
        UserAccount user = users.get(change.actorUserId());
        return user == null ? "a former user" : user.displayName();
    }
}
