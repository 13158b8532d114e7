package dev.postline.core.push;

import dev.postline.connectors.api.ChangeSubscription;
import dev.postline.connectors.api.SubscriptionRequest;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.sync.SyncEligibility;
import dev.postline.core.sync.SyncSupervisor;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointDeleting;
import dev.postline.core.touchpoint.TouchpointRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one change-notification subscription per touchpoint that syncs (by {@link SyncEligibility})
 * and whose connector offers {@link dev.postline.connectors.api.ChangeSubscriptions} — today Microsoft
 * 365. Every check interval it creates missing subscriptions, renews those with less than {@code renew-before} left, recreates
 * expired ones, and deletes those of touchpoints that stopped syncing (disabled, expired, inbound off);
 * lifecycle events act at once: {@code reauthorizationRequired} renews (which reauthorizes),
 * {@code subscriptionRemoved} creates a new one. A touchpoint about to be deleted has its subscription
 * deleted first, while its credential still exists.
 *
 * <p>Failures never touch the touchpoint's connection state: the delta poll keeps its mail flowing, so a
 * subscription that cannot be made costs latency only ({@link SubscriptionCalls} logs it and leaves the
 * touchpoint alone for a while). Work on one touchpoint is serialized, whether started by the schedule
 * or by an event.
 */
@Singleton
@Requires(property = "postline.push.graph.notification-base-url")
@Requires(beans = SyncSupervisor.class)
public class PushSubscriptionKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(PushSubscriptionKeeper.class);
    /** After a deletion started, a check running meanwhile must not subscribe the touchpoint again. */
    private static final Duration DELETION_QUIET = Duration.ofMinutes(10);

    private final TouchpointRepository touchpoints;
    private final PushSubscriptionRepository subscriptions;
    private final TenantTransactions tx;
    private final SubscriptionCalls calls;
    private final SyncEligibility eligibility;
    private final SyncSupervisor supervisor;
    private final GraphPushEndpoints endpoints;
    private final GraphPushSettings settings;
    private final Clock clock;
    private final KeeperSweep sweep;

    public PushSubscriptionKeeper(TenantRepository tenants, TouchpointRepository touchpoints, PushSubscriptionRepository subscriptions,
                                  TenantTransactions tx, ConnectorSessions sessions, SyncEligibility eligibility,
                                  SyncSupervisor supervisor, GraphPushEndpoints endpoints, GraphPushSettings settings, Clock clock) {
        this.touchpoints = touchpoints;
        this.subscriptions = subscriptions;
        this.tx = tx;
        this.calls = new SubscriptionCalls(sessions, settings.getRetryAfterFailure(), clock);
        this.sweep = new KeeperSweep(tenants, touchpoints, tx, ConnectorKind.GRAPH, "change subscription");
        this.eligibility = eligibility;
        this.supervisor = supervisor;
        this.endpoints = endpoints;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${postline.push.graph.check-interval:1m}", initialDelay = "${postline.push.graph.initial-delay:5s}")
    void scheduled() {
        checkAll();
    }

    /** Brings every touchpoint's subscription in line with whether it syncs and when it expires. */
    public void checkAll() {
        sweep.run(tenant -> tx.read(tenant, () -> subscriptions.findByTenantId(tenant.value())).stream()
                .map(PushSubscriptionRecord::touchpointId).collect(Collectors.toSet()), this::check);
    }

    /**
     * Lifecycle event {@code reauthorizationRequired}: renew now, which reauthorizes (even while the
     * touchpoint rests after a failure: Graph asks now); a subscription already gone is replaced.
     */
    public void reauthorize(TenantId tenant, UUID touchpointId, String subscriptionId) {
        synchronized (sweep.lock(touchpointId)) {
            subject(tenant, touchpointId, subscriptionId).ifPresent(s -> {
                if (wanted(s.touchpoint())) {
                    renew(tenant, s.touchpoint(), s.row(), true);
                } else {
                    check(tenant, s.touchpoint());
                }
            });
        }
    }

    /**
     * Lifecycle event {@code subscriptionRemoved}: the provider dropped it. The row is marked expired at
     * once, so that if no new subscription can be made now, the next check makes one.
     */
    public void replaceRemoved(TenantId tenant, UUID touchpointId, String subscriptionId) {
        synchronized (sweep.lock(touchpointId)) {
            subject(tenant, touchpointId, subscriptionId).ifPresent(s -> {
                markGone(tenant, s.row());
                check(tenant, s.touchpoint());
            });
        }
    }

    @EventListener
    void onTouchpointDeleting(TouchpointDeleting event) {
        calls.leaveAlone(event.touchpointId(), DELETION_QUIET);
        synchronized (sweep.lock(event.touchpointId())) {
            Optional<PushSubscriptionRecord> row = current(event.tenant(), event.touchpointId());
            Optional<Touchpoint> t = touchpoint(event.tenant(), event.touchpointId());
            if (row.isPresent() && t.isPresent()) {
                remove(event.tenant(), t.get(), row.get());
            }
        }
    }

    private record Subject(Touchpoint touchpoint, PushSubscriptionRecord row) {}

    /** The touchpoint and its row, if the event is about the subscription the row holds now (else it is stale). */
    private Optional<Subject> subject(TenantId tenant, UUID touchpointId, String subscriptionId) {
        Optional<Touchpoint> t = touchpoint(tenant, touchpointId);
        Optional<PushSubscriptionRecord> row = current(tenant, touchpointId);
        if (t.isEmpty() || row.isEmpty() || !row.get().subscriptionId().equals(subscriptionId)) {
            return Optional.empty();
        }
        return Optional.of(new Subject(t.get(), row.get()));
    }

    private void check(TenantId tenant, Touchpoint t) {
        Optional<PushSubscriptionRecord> row = current(tenant, t.id());
        if (!wanted(t)) {
            row.ifPresent(r -> remove(tenant, t, r));
            return;
        }
        if (calls.resting(t.id())) {
            return;
        }
        Instant now = clock.instant();
        if (row.isEmpty() || !row.get().expiresAt().isAfter(now)) {
            create(tenant, t, row);
        } else if (row.get().expiresAt().isBefore(now.plus(settings.getRenewBefore()))) {
            renew(tenant, t, row.get(), false);
        }
    }

    private boolean wanted(Touchpoint t) {
        return t.connectorKind() == ConnectorKind.GRAPH && eligibility.shouldSync(t);
    }

    private void create(TenantId tenant, Touchpoint t, Optional<PushSubscriptionRecord> previous) {
        String clientState = ClientStates.generate();
        Instant now = clock.instant();
        Optional<ChangeSubscription> created = calls.run(t, "created", subs -> Optional.of(subs.create(new SubscriptionRequest(
                endpoints.notifications(), endpoints.lifecycle(), clientState, now.plus(settings.getLifetime())))));
        if (created.isEmpty()) {
            return;
        }
        ChangeSubscription s = created.get();
        String hash = ClientStates.hash(clientState);
        try {
            tx.write(tenant, () -> previous.isPresent()
                    ? subscriptions.update(previous.get().replacedBy(s.id(), hash, s.expiresAt(), now))
                    : subscriptions.save(new PushSubscriptionRecord(UUID.randomUUID(), tenant.value(), t.id(), s.id(), hash,
                            s.expiresAt(), now, null)));
        } catch (RuntimeException e) {
            // E.g. the touchpoint was deleted meanwhile: do not leave a subscription nobody renews or deletes.
            calls.run(t, "deleted", subs -> { subs.delete(s.id()); return Optional.of(s); });
            throw e;
        }
        LOG.info("Change subscription {} created for touchpoint {}, expires {}", s.id(), t.id(), s.expiresAt());
        // Notifications that came before the row was committed were ignored: look once now.
        supervisor.hint(tenant, t.id());
    }

    private void renew(TenantId tenant, Touchpoint t, PushSubscriptionRecord row, boolean reauthorization) {
        Instant now = clock.instant();
        Instant wish = now.plus(settings.getLifetime());
        String doing = reauthorization ? "reauthorized" : "renewed";
        Optional<Optional<ChangeSubscription>> renewed = calls.run(t, doing, subs -> Optional.of(reauthorization
                ? subs.reauthorize(row.subscriptionId(), wish) : subs.renew(row.subscriptionId(), wish)));
        if (renewed.isEmpty()) {
            return;
        }
        if (renewed.get().isEmpty()) {
            LOG.info("Change subscription {} of touchpoint {} is gone at the provider; creating a new one", row.subscriptionId(), t.id());
            create(tenant, t, Optional.of(markGone(tenant, row)));
            return;
        }
        Instant expiry = renewed.get().get().expiresAt();
        tx.write(tenant, () -> subscriptions.update(row.renewed(expiry, now)));
        LOG.info("Change subscription {} of touchpoint {} {}, expires {}", row.subscriptionId(), t.id(), doing, expiry);
    }

    /** Records that the provider no longer has it, so every later check replaces it until one is made. */
    private PushSubscriptionRecord markGone(TenantId tenant, PushSubscriptionRecord row) {
        Instant now = clock.instant();
        return tx.write(tenant, () -> subscriptions.update(row.gone(now)));
    }

    /** Deletes at the provider (best effort: it expires there by itself) and here. */
    private void remove(TenantId tenant, Touchpoint t, PushSubscriptionRecord row) {
        calls.run(t, "deleted", subs -> {
            subs.delete(row.subscriptionId());
            return Optional.of(row);
        });
        tx.write(tenant, () -> subscriptions.deleteByTenantIdAndId(tenant.value(), row.id()));
        LOG.info("Change subscription {} of touchpoint {} deleted", row.subscriptionId(), t.id());
    }

    private Optional<PushSubscriptionRecord> current(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> subscriptions.findByTenantIdAndTouchpointId(tenant.value(), touchpointId));
    }

    private Optional<Touchpoint> touchpoint(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> touchpoints.findByTenantIdAndId(tenant.value(), touchpointId));
    }

}
