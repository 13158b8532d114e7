package dev.postline.core.outbound;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.conversation.NoteService;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what happens to outbox entries: claims (with a lease), and the outcome of each attempt —
 * SENT with the provider's id, a retry with exponential backoff and jitter, or FAILED, which reopens
 * the conversation with an internal note. The only writer of outbox state besides the enqueuers.
 */
@Singleton
public class OutboxRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRecorder.class);

    private final OutboxRepository outbox;
    private final MailMessageRepository messages;
    private final ConversationRepository conversations;
    private final NoteService notes;
    private final TenantTransactions tx;
    private final OutboxSettings settings;
    private final Clock clock;

    public OutboxRecorder(OutboxRepository outbox, MailMessageRepository messages, ConversationRepository conversations,
                          NoteService notes, TenantTransactions tx, OutboxSettings settings, Clock clock) {
        this.outbox = outbox;
        this.messages = messages;
        this.conversations = conversations;
        this.notes = notes;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    /** Claims what it can of {@code due} in one transaction; returns the entries won, with their lease. */
    public List<OutboxEntry> claim(TenantId tenant, List<OutboxEntry> due) {
        Instant now = clock.instant();
        // Millisecond precision: the lease is compared for equality when an unused claim is given back.
        Instant leaseUntil = now.plus(settings.getLease()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return tx.write(tenant, () -> {
            List<OutboxEntry> won = new ArrayList<>();
            for (OutboxEntry entry : due) {
                if (outbox.claim(tenant.value(), entry.id(), now, leaseUntil) == 1) {
                    won.add(new OutboxEntry(entry.id(), entry.tenantId(), entry.messageId(), entry.touchpointId(),
                            entry.envelopeFrom(), entry.recipients(), OutboxEntry.Status.SENDING, entry.attempts(),
                            entry.nextAttemptAt(), entry.lastError(), entry.providerId(), entry.createdAt(), now, leaseUntil,
                            entry.checkSent(), false));
                }
            }
            return won;
        });
    }

    /** Gives back a claimed entry that was not attempted (its lease was running short). */
    public void release(TenantId tenant, OutboxEntry claimed) {
        tx.write(tenant, () -> outbox.release(tenant.value(), claimed.id(), claimed.leaseUntil(), clock.instant()));
    }

    /**
     * Marks a claimed entry in flight, committed before it is handed to the provider; false when its
     * lease is no longer this sender's (then it must not be sent).
     */
    public boolean inFlight(TenantId tenant, OutboxEntry claimed) {
        return tx.write(tenant, () -> outbox.markInFlight(tenant.value(), claimed.id(), claimed.leaseUntil(), clock.instant())) == 1;
    }

    /** Entries of senders that died: queued again, to be checked before they are sent. */
    public int recoverExpired(TenantId tenant) {
        int recovered = tx.write(tenant, () -> outbox.recoverExpired(tenant.value(), clock.instant()));
        if (recovered > 0) {
            LOG.warn("{} outbox entries of tenant {} were left in SENDING by a sender that stopped; checking them", recovered, tenant);
        }
        return recovered;
    }

    public void sent(TenantId tenant, OutboxEntry entry, MailMessage message, String detail, String providerId) {
        finish(tenant, entry, message, OutboxEntry.Status.SENT, detail, providerId);
    }

    /** A failed attempt: retried later when transient and attempts remain, otherwise final. */
    public void failed(TenantId tenant, OutboxEntry entry, MailMessage message, ConnectorException e) {
        int attempts = entry.attempts() + 1;
        if (e.kind() == FailureKind.PERMANENT || attempts >= settings.getMaxAttempts()) {
            finish(tenant, entry, message, OutboxEntry.Status.FAILED, e.getMessage(), null);
            return;
        }
        Duration wait = e.retryAfter().orElseGet(() -> backoff(attempts));
        Instant now = clock.instant();
        tx.write(tenant, () -> outbox.update(entry.with(OutboxEntry.Status.QUEUED, attempts, now.plus(wait), e.getMessage(), null, now)));
        LOG.info("Message {} not sent ({}); attempt {} of {} in {}", message.id(), e.getMessage(), attempts + 1,
                settings.getMaxAttempts(), wait);
    }

    /**
     * The sender stopped while this message was being handed over, and its connector cannot check
     * whether it went out: held for an agent to confirm or send again, never sent twice on a guess.
     */
    public void deliveryUnknown(TenantId tenant, OutboxEntry entry, MailMessage message) {
        finish(tenant, entry, message, OutboxEntry.Status.DELIVERY_UNKNOWN,
                "sending was interrupted; it may or may not have reached the recipients", null);
        LOG.warn("Message {} may have been sent before an interruption and its connector cannot check: held for an agent to confirm",
                message.id());
    }

    /** The outbox entry or its message is gone or unusable: nothing can be sent. */
    public void failedForGood(TenantId tenant, OutboxEntry entry, MailMessage message, String reason) {
        finish(tenant, entry, message, OutboxEntry.Status.FAILED, reason, null);
    }

    private void finish(TenantId tenant, OutboxEntry entry, MailMessage message, OutboxEntry.Status status, @Nullable String detail,
                        @Nullable String providerId) {
        Instant now = clock.instant();
        String safe = detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        tx.write(tenant, () -> {
            outbox.update(entry.with(status, entry.attempts() + 1, now, status == OutboxEntry.Status.SENT ? null : safe, providerId, now));
            messages.updateDelivery(tenant.value(), message.id(), switch (status) {
                case SENT -> MailMessage.DeliveryStatus.SENT.name();
                case DELIVERY_UNKNOWN -> MailMessage.DeliveryStatus.DELIVERY_UNKNOWN.name();
                default -> MailMessage.DeliveryStatus.FAILED.name();
            }, safe);
            if (status != OutboxEntry.Status.SENT) {
                // The agent must learn the customer did not (or may not) get the answer: the conversation comes back.
                conversations.reopenIfClosed(tenant.value(), message.conversationId());
                conversations.markUnread(tenant.value(), message.conversationId(), true);
                notes.addSystemNote(tenant, message.conversationId(), status == OutboxEntry.Status.FAILED
                        ? "The reply \"" + message.subject() + "\" could not be delivered: " + (safe == null ? "unknown reason" : safe)
                        : "The reply \"" + message.subject() + "\" may or may not have reached the recipients: sending was "
                                + "interrupted. Check with the customer, then confirm it was sent or send it again.");
            }
        });
    }

    private Duration backoff(int attempts) {
        long ceiling = Math.min(settings.getMaxRetry().toMillis(), settings.getFirstRetry().toMillis() << Math.min(attempts - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
