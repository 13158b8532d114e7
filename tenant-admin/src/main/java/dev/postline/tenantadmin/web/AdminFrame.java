package dev.postline.tenantadmin.web;

import dev.postline.core.notification.Notifications;
import dev.postline.core.security.Caller;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.user.UserService;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * What every signed-in admin page shows around its content: the tenant's name, who is signed in,
 * which navigation entry is current. Each page controller starts its model here.
 */
@Singleton
public class AdminFrame {

    /**
     * The layout's data; {@code nav} is the key of the current navigation entry; {@code unreadNotifications}
     * counts up to the newest 200 notifications.
     */
    public record Frame(String tenantName, String userName, String userEmail, String nav, int unreadNotifications) {}

    private final TenantService tenants;
    private final UserService users;
    private final Notifications notifications;

    public AdminFrame(TenantService tenants, UserService users, Notifications notifications) {
        this.tenants = tenants;
        this.users = users;
        this.notifications = notifications;
    }

    public Map<String, Object> model(Caller caller, String nav, String title) {
        var user = users.get(caller.tenant(), caller.principalId());
        Map<String, Object> model = new HashMap<>();
        model.put("frame", new Frame(tenants.get(caller.tenant().value()).name(), user.displayName(), user.email(), nav,
                (int) Math.min(Integer.MAX_VALUE, notifications.unreadCount(caller.tenant()))));
        model.put("title", title);
        return model;
    }
}
