package dev.postline.core.push;

import dev.postline.connectors.api.ChangeSubscription;
import dev.postline.connectors.api.ChangeSubscriptions;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.ConnectorSession;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.SubscriptionRequest;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.sync.SyncEligibility;
import dev.postline.core.sync.SyncSupervisor;
import dev.postline.core.tenant.Tenant;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one change-notification subscription per touchpoint that syncs (by {@link SyncEligibility})
 * and whose connector offers {@link ChangeSubscriptions} — today Microsoft 365. Every check interval it
 * creates missing subscriptions, renews those with less than {@code renew-before} left, recreates
 * expired ones, and deletes those of touchpoints that stopped syncing (disabled, expired, inbound off);
 * lifecycle events act at once: {@code reauthorizationRequired} renews (which reauthorizes),
 * {@code subscriptionRemoved} creates a new one. A touchpoint about to be deleted has its subscription
 * deleted first, while its credential still exists.
 *
 * <p>Failures never touch the touchpoint's connection state: the delta poll keeps its mail flowing, so a
 * subscription that cannot be made costs latency only. The failure is logged and the touchpoint left
 * alone for {@code retry-after-failure} (or as long as the provider asked). Work on one touchpoint is
 * serialized, whether started by the schedule or by an event.
 */
@Singleton
@Requires(property = "postline.push.graph.notification-base-url")
@Requires(beans = SyncSupervisor.class)
public class PushSubscriptionKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(PushSubscriptionKeeper.class);
    /** After a deletion started, a check running meanwhile must not subscribe the touchpoint again. */
    private static final Duration DELETION_QUIET = Duration.ofMinutes(10);

    private final TenantRepository tenants;
    private final TouchpointRepository touchpoints;
    private final PushSubscriptionRepository subscriptions;
    private final TenantTransactions tx;
    private final ConnectorSessions sessions;
    private final SyncEligibility eligibility;
    private final SyncSupervisor supervisor;
    private final GraphPushEndpoints endpoints;
    private final GraphPushSettings settings;
    private final Clock clock;
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> leftAloneUntil = new ConcurrentHashMap<>();

    public PushSubscriptionKeeper(TenantRepository tenants, TouchpointRepository touchpoints, PushSubscriptionRepository subscriptions,
                                  TenantTransactions tx, ConnectorSessions sessions, SyncEligibility eligibility,
                                  SyncSupervisor supervisor, GraphPushEndpoints endpoints, GraphPushSettings settings, Clock clock) {
        this.tenants = tenants;
        this.touchpoints = touchpoints;
        this.subscriptions = subscriptions;
        this.tx = tx;
        this.sessions = sessions;
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
        for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
            TenantId id = tenant.tenantId();
            Set<UUID> subscribed = tx.read(id, () -> subscriptions.findByTenantId(id.value())).stream()
                    .map(PushSubscriptionRecord::touchpointId).collect(Collectors.toSet());
            for (Touchpoint t : tx.read(id, () -> touchpoints.findByTenantIdOrderByNameKey(id.value()))) {
                if (t.connectorKind() != ConnectorKind.GRAPH && !subscribed.contains(t.id())) {
                    continue;
                }
                try {
                    synchronized (lock(t.id())) {
                        check(id, t);
                    }
                } catch (RuntimeException e) {
                    LOG.error("Checking the change subscription of touchpoint {} failed", t.id(), e);
                }
            }
        }
    }

    /** Lifecycle event {@code reauthorizationRequired}: renew, which reauthorizes; a gone one is replaced. */
    public void reauthorize(TenantId tenant, UUID touchpointId, String subscriptionId) {
        onEvent(tenant, touchpointId, subscriptionId, (t, row) -> renew(tenant, t, row, true));
    }

    /** Lifecycle event {@code subscriptionRemoved}: the provider dropped it; create a new one. */
    public void replaceRemoved(TenantId tenant, UUID touchpointId, String subscriptionId) {
        onEvent(tenant, touchpointId, subscriptionId, (t, row) -> create(tenant, t, Optional.of(row)));
    }

    @EventListener
    void onTouchpointDeleting(TouchpointDeleting event) {
        leftAloneUntil.put(event.touchpointId(), clock.instant().plus(DELETION_QUIET));
        synchronized (lock(event.touchpointId())) {
            Optional<PushSubscriptionRecord> row = current(event.tenant(), event.touchpointId());
            Optional<Touchpoint> t = touchpoint(event.tenant(), event.touchpointId());
            if (row.isPresent() && t.isPresent()) {
                remove(event.tenant(), t.get(), row.get());
            }
        }
    }

    private interface Action {
        void on(Touchpoint t, PushSubscriptionRecord row);
    }

    private void onEvent(TenantId tenant, UUID touchpointId, String subscriptionId, Action action) {
        synchronized (lock(touchpointId)) {
            Optional<Touchpoint> t = touchpoint(tenant, touchpointId);
            Optional<PushSubscriptionRecord> row = current(tenant, touchpointId);
            if (t.isEmpty() || row.isEmpty() || !row.get().subscriptionId().equals(subscriptionId)) {
                return; // about a subscription replaced or deleted meanwhile
            }
            if (!wanted(t.get()) || resting(touchpointId)) {
                check(tenant, t.get());
                return;
            }
            action.on(t.get(), row.get());
        }
    }

    private void check(TenantId tenant, Touchpoint t) {
        Optional<PushSubscriptionRecord> row = current(tenant, t.id());
        if (!wanted(t)) {
            row.ifPresent(r -> remove(tenant, t, r));
            return;
        }
        if (resting(t.id())) {
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
        Optional<ChangeSubscription> created = call(t, "created", subs -> Optional.of(subs.create(new SubscriptionRequest(
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
            call(t, "deleted", subs -> { subs.delete(s.id()); return Optional.of(s); });
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
        Optional<Optional<ChangeSubscription>> renewed = call(t, doing, subs -> Optional.of(reauthorization
                ? subs.reauthorize(row.subscriptionId(), wish) : subs.renew(row.subscriptionId(), wish)));
        if (renewed.isEmpty()) {
            return;
        }
        if (renewed.get().isEmpty()) {
            LOG.info("Change subscription {} of touchpoint {} is gone at the provider; creating a new one", row.subscriptionId(), t.id());
            create(tenant, t, Optional.of(row));
            return;
        }
        Instant expiry = renewed.get().get().expiresAt();
        tx.write(tenant, () -> subscriptions.update(row.renewed(expiry, now)));
        LOG.info("Change subscription {} of touchpoint {} {}, expires {}", row.subscriptionId(), t.id(), doing, expiry);
    }

    /** Deletes at the provider (best effort: it expires there by itself) and here. */
    private void remove(TenantId tenant, Touchpoint t, PushSubscriptionRecord row) {
        call(t, "deleted", subs -> {
            subs.delete(row.subscriptionId());
            return Optional.of(row);
        });
        tx.write(tenant, () -> subscriptions.deleteByTenantIdAndId(tenant.value(), row.id()));
        LOG.info("Change subscription {} of touchpoint {} deleted", row.subscriptionId(), t.id());
    }

    private interface Call<T> {
        Optional<T> with(ChangeSubscriptions subscriptions) throws ConnectorException;
    }

    /** Runs one provider call on a fresh session; empty when the connector has no subscriptions or the call failed. */
    private <T> Optional<T> call(Touchpoint t, String doing, Call<T> call) {
        Optional<java.util.function.Supplier<ConnectorSession>> factory = sessions.forTouchpoint(t);
        if (factory.isEmpty()) {
            return Optional.empty();
        }
        try (ConnectorSession session = factory.get().get()) {
            if (!(session instanceof ChangeSubscriptions subs)) {
                return Optional.empty();
            }
            return call.with(subs);
        } catch (ConnectorException e) {
            Duration pause = e.kind() == FailureKind.THROTTLED
                    ? e.retryAfter().orElse(settings.getRetryAfterFailure()) : settings.getRetryAfterFailure();
            leftAloneUntil.put(t.id(), clock.instant().plus(pause));
            LOG.warn("Change subscription of touchpoint {} could not be {} ({}); the poll goes on, next attempt in {}",
                    t.id(), doing, e.getMessage(), pause);
            return Optional.empty();
        }
    }

    private boolean resting(UUID touchpointId) {
        Instant until = leftAloneUntil.get(touchpointId);
        if (until == null) {
            return false;
        }
        if (clock.instant().isBefore(until)) {
            return true;
        }
        leftAloneUntil.remove(touchpointId, until);
        return false;
    }

    private Optional<PushSubscriptionRecord> current(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> subscriptions.findByTenantIdAndTouchpointId(tenant.value(), touchpointId));
    }

    private Optional<Touchpoint> touchpoint(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> touchpoints.findByTenantIdAndId(tenant.value(), touchpointId));
    }

    private Object lock(UUID touchpointId) {
        return locks.computeIfAbsent(touchpointId, id -> new Object());
    }
}
