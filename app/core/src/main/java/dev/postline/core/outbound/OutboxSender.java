package dev.postline.core.outbound;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.SendResult;
import dev.postline.core.blob.BlobStore;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.MailMessageRepository;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.ops.ScheduledTasksStop;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the outbox. It takes a tenant's due entries with a lease (a conditional update, so two
 * nodes never take the same one) and queues them per touchpoint ({@link OutboxLanes}); lanes — at
 * most {@code connections-per-touchpoint} per touchpoint, {@code concurrency} in all — take entries
 * from their touchpoint's queue and send them over one connector session (one SMTP connection),
 * recording each outcome through the {@link OutboxRecorder}.
 *
 * <p>One message: mark it in flight (committed), send, record SENT at once, then let the connector
 * keep its Sent-folder copy. Only a crash between the provider's acceptance and that record leaves a
 * message whose delivery is uncertain: its lease runs out and it is queued again marked
 * {@code checkSent}. The next attempt then sends it when the connector's own send skips mail already
 * sent (Gmail, Graph), records it SENT when {@link ConnectorSession#findSent} finds it, and otherwise
 * follows the touchpoint's {@code uncertainDelivery}: held as DELIVERY_UNKNOWN for an agent (the
 * default) or sent again at the risk of a second copy.
 */
@Singleton
@Requires(property = "postline.outbox.enabled", notEquals = "false")
public class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final TenantRepository tenants;
    private final OutboxRepository outbox;
    private final MailMessageRepository messages;
    private final TouchpointRepository touchpoints;
    private final ConnectorSessions sessions;
    private final BlobStore blobs;
    private final TenantTransactions tx;
    private final OutboxSettings settings;
    private final OutboxRecorder recorder;
    private final Clock clock;
    private final ScheduledTasksStop stop;
    private final TouchpointSettingsCodec settingsCodec;
    private final ExecutorService lanes;
    private final OutboxSessions openSessions = new OutboxSessions(java.time.Duration.ofSeconds(30));
    private final OutboxLanes<Claimed> work;

    public OutboxSender(TenantRepository tenants, OutboxRepository outbox, MailMessageRepository messages,
                        TouchpointRepository touchpoints, ConnectorSessions sessions, BlobStore blobs, TenantTransactions tx,
                        OutboxSettings settings, OutboxRecorder recorder, Clock clock, ScheduledTasksStop stop,
                        TouchpointSettingsCodec settingsCodec) {
        this.tenants = tenants;
        this.outbox = outbox;
        this.messages = messages;
        this.touchpoints = touchpoints;
        this.sessions = sessions;
        this.blobs = blobs;
        this.tx = tx;
        this.settings = settings;
        this.recorder = recorder;
        this.clock = clock;
        this.stop = stop;
        this.settingsCodec = settingsCodec;
        this.lanes = Executors.newFixedThreadPool(Math.max(1, settings.getConcurrency()),
                Thread.ofPlatform().name("outbox-lane-", 1).daemon().factory());
        this.work = new OutboxLanes<>(settings.getConnectionsPerTouchpoint(), claimed -> claimed.entry().touchpointId());
    }

    @PreDestroy
    void stop() {
        lanes.shutdownNow();
        openSessions.close();
    }

    /**
     * Feeds the lanes until no tenant has a full batch left, so a backlog drains without waiting for
     * the next poll. A tenant's next batch is claimed once half of the previous one is settled: the
     * lanes never wait for a whole round to end, and no more than {@code batch-size} entries of a
     * tenant are claimed at once.
     */
    @Scheduled(fixedDelay = "${postline.outbox.poll-interval:500ms}", initialDelay = "1s")
    void sendDue() {
        openSessions.closeIdle();
        Set<TenantId> busy = new HashSet<>();
        do {
            busy.clear();
            for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
                if (feed(tenant.tenantId())) {
                    busy.add(tenant.tenantId());
                }
            }
            if (!busy.isEmpty()) {
                try {
                    work.awaitAtMost(busy, settings.getBatchSize() / 2, settings.getPollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } while (!busy.isEmpty() && !lanes.isShutdown() && !stop.stopping());
    }

    /** Claims what is due for the tenant, up to a batch in hand; true when more may be due than it took. */
    private boolean feed(TenantId tenant) {
        int room = settings.getBatchSize() - work.inHand(tenant);
        if (room < (settings.getBatchSize() + 1) / 2) {
            return true;
        }
        recorder.recoverExpired(tenant);
        List<OutboxEntry> due = tx.read(tenant, () -> outbox.due(tenant.value(), clock.instant(), room));
        if (due.isEmpty()) {
            return false;
        }
        for (OutboxLanes.Key lane : work.add(tenant, withMessages(tenant, recorder.claim(tenant, due)))) {
            lanes.submit(() -> lane(lane));
        }
        return due.size() >= room;
    }

    /** One lane: takes entries of one touchpoint from its queue and sends them one after another over one session. */
    private void lane(OutboxLanes.Key lane) {
        boolean ended = false;
        try {
            ended = send(lane);
        } catch (RuntimeException | Error e) {
            if (!ended) {
                int dropped = work.abandon(lane);
                LOG.error("An outbox lane stopped unexpectedly; {} entries waiting for it are retried when their lease runs out",
                        dropped, e);
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** @return true: the lane ended because its queue is empty (it is counted off) */
    private boolean send(OutboxLanes.Key lane) {
        TenantId tenant = lane.tenant();
        Touchpoint touchpoint = tx.read(tenant, () -> touchpoints.findByTenantIdAndId(tenant.value(), lane.touchpointId()))
                .orElseThrow();
        Supplier<ConnectorSession> factory = sessions.forTouchpoint(touchpoint).orElse(null);
        OutboundPolicy policy = OutboundPolicy.from(settingsCodec.read(touchpoint.settings()));
        ConnectorSession session = factory == null ? null : openSessions.borrow(touchpoint, factory);
        try {
            for (Claimed claimed = work.next(lane); claimed != null; claimed = work.next(lane)) {
                OutboxEntry entry = claimed.entry();
                try {
                    if (session == null) {
                        recorder.failedForGood(tenant, entry, message(tenant, claimed),
                                "no connector for " + touchpoint.connectorKind().wireName());
                    } else if (leaseRunningShort(entry) || Thread.currentThread().isInterrupted() || stop.stopping()) {
                        // Not started is safe to give back; starting now could outlive the lease.
                        recorder.release(tenant, entry);
                    } else {
                        attempt(tenant, session, entry, message(tenant, claimed), policy);
                    }
                } finally {
                    work.done(tenant);
                }
            }
            return true;
        } finally {
            if (session != null) {
                openSessions.giveBack(touchpoint, session);
            }
        }
    }

    private boolean leaseRunningShort(OutboxEntry entry) {
        return clock.instant().plus(settings.getLease().dividedBy(2)).isAfter(entry.leaseUntil());
    }

    private void attempt(TenantId tenant, ConnectorSession session, OutboxEntry entry, MailMessage message, OutboundPolicy policy) {
        SendResult result;
        String detail;
        OutboundMessage outbound = null;
        try {
            Optional<SendResult> earlier = Optional.empty();
            if (entry.checkSent() && !session.sendSkipsAlreadySent()) {
                if (message.messageIdHeader() != null && session.canFindSent()) {
                    earlier = alreadySent(session, message);
                } else if (!policy.resendUncertain()) {
                    recorder.deliveryUnknown(tenant, entry, message);
                    return;
                } else {
                    LOG.warn("Message {} may have been sent before an interruption, and its connector cannot check: sending it again "
                            + "(the touchpoint's uncertainDelivery is resend)", message.id());
                }
            }
            if (earlier.isPresent()) {
                result = earlier.get();
                detail = "sent before an interruption; " + result.serverReply();
            } else {
                outbound = new OutboundMessage(blobs.get(tenant, message.rawBlob()), entry.envelopeFrom(),
                        Arrays.asList(entry.recipients().split("\n")));
                if (!recorder.inFlight(tenant, entry)) {
                    LOG.warn("Message {} was not sent: its lease ran out before it could start; it is retried", message.id());
                    return;
                }
                result = session.send(outbound);
                detail = result.serverReply();
            }
        } catch (ConnectorException e) {
            recorder.failed(tenant, entry, message, e);
            return;
        } catch (RuntimeException e) {
            LOG.error("Sending message {} failed unexpectedly", message.id(), e);
            recorder.failed(tenant, entry, message, new ConnectorException(FailureKind.NETWORK, "internal error; see the server log"));
            return;
        }
        // Outside the catch on purpose: if recording fails the message is out, and retrying the send
        // would duplicate it. The entry stays SENDING in flight; when its lease runs out it is in doubt, not resent blindly.
        recorder.sent(tenant, entry, message, detail, result.providerId());
        if (outbound != null) {
            // Only now, after the record: a copy proves nothing about delivery, and taking it first would
            // widen the window in which a crash leaves a sent message unrecorded.
            session.keepSentCopy(outbound);
        }
    }

    private Optional<SendResult> alreadySent(ConnectorSession session, MailMessage message) throws ConnectorException {
        Optional<SendResult> found = session.findSent("<" + message.messageIdHeader() + ">");
        LOG.info("Message {} was interrupted while sending; {}", message.id(), found.isPresent()
                ? "it had been sent, recording it" : "it had not been sent, sending it");
        return found;
    }

    /**
     * A claimed entry and its message, read for the whole batch in one query (a read per message
     * showed in the profile); null when it was not found then, and it is read again by the lane.
     */
    private record Claimed(OutboxEntry entry, @Nullable MailMessage message) {}

    private List<Claimed> withMessages(TenantId tenant, List<OutboxEntry> claimed) {
        List<UUID> ids = claimed.stream().map(OutboxEntry::messageId).toList();
        Map<UUID, MailMessage> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            tx.read(tenant, () -> messages.findByTenantIdAndIdIn(tenant.value(), ids)).forEach(m -> byId.put(m.id(), m));
        }
        return claimed.stream().map(e -> new Claimed(e, byId.get(e.messageId()))).toList();
    }

    private MailMessage message(TenantId tenant, Claimed claimed) {
        return claimed.message() != null ? claimed.message() : message(tenant, claimed.entry());
    }

    private MailMessage message(TenantId tenant, OutboxEntry entry) {
        return tx.read(tenant, () -> messages.findByTenantIdAndId(tenant.value(), entry.messageId())).orElseThrow();
    }
}
