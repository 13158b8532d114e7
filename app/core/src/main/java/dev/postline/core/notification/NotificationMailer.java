package dev.postline.core.notification;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import dev.postline.mail.InvalidOutboundException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the notification outbox: claims due rows (a conditional update, so two nodes never send
 * the same row), renders and sends each through the platform relay, and records SENT. A relay that
 * is down or answers 4xx delays the row with exponential backoff and jitter, without end: a
 * notice is late, never lost. A 5xx refusal (say, a mailbox that does not exist) is FAILED at once.
 */
@Singleton
@Requires(property = "postline.notifications.smtp.host")
public class NotificationMailer {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationMailer.class);
    private static final int BATCH = 20;
    private static final Duration STUCK = Duration.ofMinutes(10);

    private final TenantRepository tenants;
    private final NotificationEmailRepository emails;
    private final NotificationRepository notifications;
    private final NotificationMail mail;
    private final SmtpRelay relay;
    private final NotificationSettings settings;
    private final RelaySettings relaySettings;
    private final TenantTransactions tx;
    private final Clock clock;

    public NotificationMailer(TenantRepository tenants, NotificationEmailRepository emails, NotificationRepository notifications,
                              NotificationMail mail, SmtpRelay relay, NotificationSettings settings, RelaySettings relaySettings,
                              TenantTransactions tx, Clock clock) {
        this.tenants = tenants;
        this.emails = emails;
        this.notifications = notifications;
        this.mail = mail;
        this.relay = relay;
        this.settings = settings;
        this.relaySettings = relaySettings;
        this.tx = tx;
        this.clock = clock;
        LOG.info("Notification mail goes through the relay {}:{}", relaySettings.getHost(), relaySettings.getPort());
    }

    @Scheduled(fixedDelay = "${postline.notifications.poll-interval:1s}", initialDelay = "1s")
    void sendDue() {
        for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
            TenantId id = tenant.tenantId();
            Instant now = clock.instant();
            tx.write(id, () -> emails.requeueStuck(id.value(), now.minus(STUCK), now));
            for (NotificationEmail row : tx.read(id, () -> emails.due(id.value(), now, BATCH))) {
                if (tx.write(id, () -> emails.claim(id.value(), row.id(), clock.instant())) == 1) {
                    send(id, row);
                }
            }
        }
    }

    private void send(TenantId tenant, NotificationEmail row) {
        Notification n = tx.read(tenant, () -> notifications.findByTenantIdAndId(tenant.value(), row.notificationId())).orElse(null);
        if (n == null) {
            finish(tenant, row, NotificationEmail.Status.FAILED, "the notification was deleted");
            return;
        }
        try {
            String from = relaySettings.getFrom();
            // Rendered per attempt with the row's id as Message-ID: a retry is the same message.
            byte[] raw = mail.render(n, row.recipient(), "pl-notify." + row.id() + from.substring(from.lastIndexOf('@')), row.createdAt());
            relay.send(relaySettings.getFrom(), row.recipient(), raw);
            finish(tenant, row, NotificationEmail.Status.SENT, null);
        } catch (InvalidOutboundException e) {
            finish(tenant, row, NotificationEmail.Status.FAILED, "cannot render: " + e.getMessage());
        } catch (SmtpRelay.RelayException e) {
            if (e.permanent()) {
                finish(tenant, row, NotificationEmail.Status.FAILED, e.getMessage());
            } else {
                retryLater(tenant, row, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("Notification mail {} failed unexpectedly", row.id(), e);
            retryLater(tenant, row, "internal error; see the server log");
        }
    }

    private void retryLater(TenantId tenant, NotificationEmail row, String error) {
        int attempts = row.attempts() + 1;
        long ceiling = Math.min(settings.getMaxRetry().toMillis(), settings.getFirstRetry().toMillis() << Math.min(attempts - 1, 20));
        Duration wait = Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        Instant now = clock.instant();
        tx.write(tenant, () -> emails.update(row.with(NotificationEmail.Status.QUEUED, attempts, now.plus(wait), clip(error), now)));
        LOG.info("Notification mail {} delayed ({}); next attempt in {}", row.id(), error, wait);
    }

    private void finish(TenantId tenant, NotificationEmail row, NotificationEmail.Status status, String error) {
        Instant now = clock.instant();
        tx.write(tenant, () -> emails.update(row.with(status, row.attempts() + 1, now, error == null ? null : clip(error), now)));
    }

    private static String clip(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
