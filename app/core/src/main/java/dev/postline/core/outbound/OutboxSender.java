package dev.postline.core.outbound;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import dev.postline.core.blob.BlobStore;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.conversation.ConversationRepository;
import dev.postline.core.conversation.ConversationStatus;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.conversation.NoteService;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the outbox: takes due entries (a conditional update, so two nodes never take the same one),
 * sends each through its touchpoint's connector, and records SENT with the provider's id or the
 * failure. Transient failures retry with exponential backoff and jitter up to a limit; permanent
 * ones stop at once. A final failure reopens the conversation so an agent sees it.
 */
@Singleton
@Requires(property = "postline.outbox.enabled", notEquals = "false")
public class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;

    private final TenantRepository tenants;
    private final OutboxRepository outbox;
    private final MailMessageRepository messages;
    private final ConversationRepository conversations;
    private final TouchpointRepository touchpoints;
    private final ConnectorSessions sessions;
    private final BlobStore blobs;
    private final TenantTransactions tx;
    private final OutboxSettings settings;
    private final NoteService notes;
    private final Clock clock;

    public OutboxSender(TenantRepository tenants, OutboxRepository outbox, MailMessageRepository messages,
                        ConversationRepository conversations, TouchpointRepository touchpoints, ConnectorSessions sessions,
                        BlobStore blobs, TenantTransactions tx, OutboxSettings settings, NoteService notes, Clock clock) {
        this.tenants = tenants;
        this.outbox = outbox;
        this.messages = messages;
        this.conversations = conversations;
        this.touchpoints = touchpoints;
        this.sessions = sessions;
        this.blobs = blobs;
        this.tx = tx;
        this.settings = settings;
        this.notes = notes;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${postline.outbox.poll-interval:500ms}", initialDelay = "1s")
    void sendDue() {
        for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
            TenantId id = tenant.tenantId();
            for (OutboxEntry entry : tx.read(id, () -> outbox.due(id.value(), clock.instant(), BATCH))) {
                if (tx.write(id, () -> outbox.claim(id.value(), entry.id(), clock.instant())) == 1) {
                    send(id, entry);
                }
            }
        }
    }

    void send(TenantId tenant, OutboxEntry entry) {
        MailMessage message = tx.read(tenant, () -> messages.findByTenantIdAndId(tenant.value(), entry.messageId())).orElseThrow();
        Touchpoint touchpoint = tx.read(tenant, () -> touchpoints.findByTenantIdAndId(tenant.value(), entry.touchpointId())).orElseThrow();
        Supplier<ConnectorSession> factory = sessions.forTouchpoint(touchpoint).orElse(null);
        if (factory == null) {
            finish(tenant, entry, message, OutboxEntry.Status.FAILED, "no connector for " + touchpoint.connectorKind().wireName(), null);
            return;
        }
        byte[] raw = blobs.get(tenant, message.rawBlob());
        try (ConnectorSession session = factory.get()) {
            SendResult result = session.send(new OutboundMessage(raw, entry.envelopeFrom(), Arrays.asList(entry.recipients().split("\n"))));
            finish(tenant, entry, message, OutboxEntry.Status.SENT, result.serverReply(), result.providerId());
        } catch (ConnectorException e) {
            failed(tenant, entry, message, e);
        } catch (RuntimeException e) {
            LOG.error("Sending message {} failed unexpectedly", message.id(), e);
            failed(tenant, entry, message, new ConnectorException(FailureKind.NETWORK, "internal error; see the server log"));
        }
    }

    private void failed(TenantId tenant, OutboxEntry entry, MailMessage message, ConnectorException e) {
        int attempts = entry.attempts() + 1;
        boolean permanent = e.kind() == FailureKind.PERMANENT;
        if (permanent || attempts >= settings.getMaxAttempts()) {
            finish(tenant, entry, message, OutboxEntry.Status.FAILED, e.getMessage(), null);
            return;
        }
        Duration wait = e.retryAfter().orElseGet(() -> backoff(attempts));
        Instant now = clock.instant();
        tx.write(tenant, () -> outbox.update(entry.with(OutboxEntry.Status.QUEUED, attempts, now.plus(wait), e.getMessage(), null, now)));
        LOG.info("Message {} not sent ({}); attempt {} of {} in {}", message.id(), e.getMessage(), attempts + 1,
                settings.getMaxAttempts(), wait);
    }

    private void finish(TenantId tenant, OutboxEntry entry, MailMessage message, OutboxEntry.Status status, String detail, String providerId) {
        Instant now = clock.instant();
        String safe = detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        tx.write(tenant, () -> {
            outbox.update(entry.with(status, entry.attempts() + 1, now, status == OutboxEntry.Status.SENT ? null : safe, providerId, now));
            messages.update(message.withDelivery(status == OutboxEntry.Status.SENT
                    ? MailMessage.DeliveryStatus.SENT : MailMessage.DeliveryStatus.FAILED, safe));
            if (status == OutboxEntry.Status.FAILED) {
                // The agent must learn the customer did not get the answer: the conversation comes back.
                conversations.findByTenantIdAndId(tenant.value(), message.conversationId())
                        .ifPresent(c -> conversations.update(c.withStatus(ConversationStatus.OPEN).withUnread(true)));
                notes.addSystemNote(tenant, message.conversationId(), "The reply \"" + message.subject()
                        + "\" could not be delivered: " + (safe == null ? "unknown reason" : safe));
            }
        });
    }

    private Duration backoff(int attempts) {
        long ceiling = Math.min(settings.getMaxRetry().toMillis(), settings.getFirstRetry().toMillis() << Math.min(attempts - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
