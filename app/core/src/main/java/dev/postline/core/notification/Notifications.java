package dev.postline.core.notification;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserRepository;
import dev.postline.core.web.ApiException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Tells a tenant's admins something: an in-app notification plus, when the platform relay is
 * configured, one mail per enabled ADMIN user (agents and supervisors get none), written to the
 * notification outbox in the same transaction. The dedupe key makes repeats impossible: a notice
 * whose key exists is not written again.
 */
@Singleton
public class Notifications {

    static final int MAX_LIST = 200;

    private final NotificationRepository notifications;
    private final NotificationEmailRepository emails;
    private final UserRepository users;
    private final RelaySettings relay;
    private final TenantTransactions tx;
    private final Clock clock;

    public Notifications(NotificationRepository notifications, NotificationEmailRepository emails, UserRepository users,
                         RelaySettings relay, TenantTransactions tx, Clock clock) {
        this.notifications = notifications;
        this.emails = emails;
        this.users = users;
        this.relay = relay;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Writes the notice unless one with {@code dedupeKey} exists; joins the caller's transaction.
     *
     * @return whether a notice was written
     */
    public boolean raise(TenantId tenant, UUID touchpointId, NotificationKind kind, String dedupeKey, String title, String detail) {
        return tx.write(tenant, () -> {
            if (notifications.existsByTenantIdAndDedupeKey(tenant.value(), dedupeKey)) {
                return false;
            }
            Instant now = clock.instant();
            Notification saved = notifications.save(new Notification(UUID.randomUUID(), tenant.value(), touchpointId, kind,
                    clip(title, 400), clip(detail, 2000), dedupeKey, now, null));
            if (relay.configured()) {
                for (UserAccount admin : users.findByTenantIdAndRoleOrderByEmailKey(tenant.value(), Role.ADMIN)) {
                    if (admin.enabled()) {
                        emails.save(new NotificationEmail(UUID.randomUUID(), tenant.value(), saved.id(), admin.email(),
                                NotificationEmail.Status.QUEUED, 0, now, null, now, now));
                    }
                }
            }
            return true;
        });
    }

    public List<Notification> list(TenantId tenant, boolean unreadOnly) {
        return tx.read(tenant, () -> unreadOnly
                ? notifications.newestUnread(tenant.value(), MAX_LIST)
                : notifications.newest(tenant.value(), MAX_LIST));
    }

    /** How many notifications of the tenant are unread (the admin pages' navigation shows it on every page). */
    public long unreadCount(TenantId tenant) {
        return tx.read(tenant, () -> notifications.countByTenantIdAndReadAtIsNull(tenant.value()));
    }

    public Notification markRead(TenantId tenant, UUID id) {
        return tx.write(tenant, () -> {
            Notification n = notifications.findByTenantIdAndId(tenant.value(), id)
                    .orElseThrow(() -> ApiException.notFound("notification"));
            return n.readAt() != null ? n : notifications.update(n.readAt(clock.instant()));
        });
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
