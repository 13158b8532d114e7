package dev.postline.tenantadmin.api;

import dev.postline.core.notification.Notification;
import dev.postline.core.notification.NotificationKind;
import dev.postline.core.notification.Notifications;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The tenant's notifications for its admins (connection lost, recovered, re-authentication due), newest first. */
@Controller("/api/v1/notifications")
@Secured(Roles.ADMIN)
public class NotificationsController {

    @Serdeable
    public record NotificationView(UUID id, NotificationKind kind, UUID touchpointId, String title, String detail,
                                   Instant createdAt, boolean read, @Nullable Instant readAt) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.id(), n.kind(), n.touchpointId(), n.title(), n.detail(), n.createdAt(),
                    n.readAt() != null, n.readAt());
        }
    }

    private final Notifications notifications;

    public NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    /** The newest 200; {@code ?unread=true} for unread ones only. */
    @Get
    public List<NotificationView> list(@Authenticated Caller caller, @QueryValue(defaultValue = "false") boolean unread) {
        return notifications.list(caller.tenant(), unread).stream().map(NotificationView::of).toList();
    }

    @Post("/{notificationId}/read")
    public NotificationView read(@Authenticated Caller caller, @PathVariable UUID notificationId) {
        return NotificationView.of(notifications.markRead(caller.tenant(), notificationId));
    }
}
