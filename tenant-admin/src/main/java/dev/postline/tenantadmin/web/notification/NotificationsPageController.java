package dev.postline.tenantadmin.web.notification;

import dev.postline.core.notification.Notifications;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.web.ApiException;
import dev.postline.tenantadmin.web.AdminFrame;
import dev.postline.tenantadmin.web.ErrorPages;
import dev.postline.tenantadmin.web.PageRenderer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The tenant's notifications (connection alerts, recoveries, re-authentication notices), newest first, with "mark read". */
@Hidden
@Controller("/admin/notifications")
@Secured(Roles.ADMIN)
public class NotificationsPageController {

    private final Notifications notifications;
    private final TouchpointService touchpoints;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public NotificationsPageController(Notifications notifications, TouchpointService touchpoints, AdminFrame frame,
                                       PageRenderer pages, ErrorPages errors) {
        this.notifications = notifications;
        this.touchpoints = touchpoints;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> list(HttpRequest<?> request, @Authenticated Caller caller) {
        Map<UUID, String> names = touchpoints.list(caller.tenant()).stream()
                .collect(Collectors.toMap(d -> d.touchpoint().id(), d -> d.touchpoint().displayName()));
        var rows = notifications.list(caller.tenant(), false).stream().map(n -> NotificationRow.of(n, names.get(n.touchpointId()))).toList();
        Map<String, Object> model = frame.model(caller, "notifications", "Notifications");
        model.put("rows", rows);
        model.put("anyUnread", rows.stream().anyMatch(r -> !r.read()));
        return pages.ok("notifications", model, request);
    }

    @Post("/{notificationId}/read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> markRead(@Authenticated Caller caller, @PathVariable UUID notificationId) {
        notifications.markRead(caller.tenant(), notificationId);
        return PageRenderer.seeOther("/admin/notifications#n-" + notificationId);
    }

    /** Marks the listed unread notifications read (the newest 200, which is what the page shows). */
    @Post("/read-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> markAllRead(@Authenticated Caller caller) {
        notifications.list(caller.tenant(), true).forEach(n -> notifications.markRead(caller.tenant(), n.id()));
        return PageRenderer.seeOther("/admin/notifications");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }
}
