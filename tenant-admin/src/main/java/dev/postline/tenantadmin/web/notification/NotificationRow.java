package dev.postline.tenantadmin.web.notification;

import dev.postline.core.notification.Notification;
import dev.postline.core.notification.NotificationKind;
import dev.postline.tenantadmin.web.Times;
import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * One notification as the pages show it; {@code touchpointName} is null when the touchpoint was
 * deleted since. Title and detail may contain tenant-supplied text: templates write them escaped.
 */
public record NotificationRow(UUID id, UUID touchpointId, @Nullable String touchpointName, String kind, String tone,
                              String title, String detail, String when, boolean read) {

    public static NotificationRow of(Notification n, @Nullable String touchpointName) {
        return new NotificationRow(n.id(), n.touchpointId(), touchpointName, kindLabel(n.kind()), tone(n.kind()), n.title(),
                n.detail(), Times.format(n.createdAt(), ""), n.readAt() != null);
    }

    private static String kindLabel(NotificationKind kind) {
        return switch (kind) {
            case CONNECTION_LOST -> "Connection alert";
            case RECOVERED -> "Recovered";
            case REAUTH_NEEDED -> "Re-authentication notice";
        };
    }

    private static String tone(NotificationKind kind) {
        return switch (kind) {
            case CONNECTION_LOST -> "bad";
            case RECOVERED -> "ok";
            case REAUTH_NEEDED -> "warn";
        };
    }
}
