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
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Gmail watch ({@code users.watch} to {@code postline.push.gmail.topic}) per Gmail touchpoint that
 * syncs (by {@link SyncEligibility}) — the Gmail counterpart of {@link PushSubscriptionKeeper}. Every check
 * interval it watches mailboxes without a watch, watches again those watched longer ago than
 * {@code rewatch-interval} (Google: renew daily; a watch lapses after about seven days) or close to their
 * expiry, and stops the watches of touchpoints that stopped syncing (disabled, expired, inbound off). A
 * touchpoint about to be deleted has its watch stopped first, while its credential still exists.
 *
 * <p>A mailbox has one watch at Gmail, however many touchpoints watch it: when several tenants connected the
 * same mailbox, {@code users.stop} is called only by the last of them to go (found through the narrow lookup
 * of {@link GmailWatchDirectory}); the others' daily watch would bring it back anyway.
 *
 * <p>Failures never touch the touchpoint's connection state: the history poll keeps its mail flowing, so a watch
 * that cannot be made costs latency only ({@link SubscriptionCalls} logs it and leaves the touchpoint alone for
 * a while). Work on one touchpoint is serialized, whether started by the schedule or by an event.
 */
@Singleton
@Requires(property = "postline.push.gmail.topic")
@Requires(beans = SyncSupervisor.class)
public class GmailWatchKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(GmailWatchKeeper.class);
    /** After a deletion started, a check running meanwhile must not watch the touchpoint again. */
    private static final Duration DELETION_QUIET = Duration.ofMinutes(10);

    private final TouchpointRepository touchpoints;
    private final GmailWatchRepository watches;
    private final GmailWatchDirectory directory;
    private final TenantTransactions tx;
    private final SubscriptionCalls calls;
    private final SyncEligibility eligibility;
    private final SyncSupervisor supervisor;
    private final GmailPushSettings settings;
    private final String topic;
    private final Clock clock;
    private final KeeperSweep sweep;

    public GmailWatchKeeper(TenantRepository tenants, TouchpointRepository touchpoints, GmailWatchRepository watches,
                            GmailWatchDirectory directory, TenantTransactions tx, ConnectorSessions sessions,
                            SyncEligibility eligibility, SyncSupervisor supervisor, PubSubTokenVerifier verified,
                            GmailPushSettings settings, Clock clock) {
        this.touchpoints = touchpoints;
        this.watches = watches;
        this.directory = directory;
        this.tx = tx;
        this.calls = new SubscriptionCalls(sessions, settings.getRetryAfterFailure(), clock);
        this.sweep = new KeeperSweep(tenants, touchpoints, tx, ConnectorKind.GMAIL, "Gmail watch");
        this.eligibility = eligibility;
        this.supervisor = supervisor;
        this.settings = settings;
        this.topic = settings.getTopic().trim(); // checked by the verifier, which must exist: no watch without a way in
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${postline.push.gmail.check-interval:1m}", initialDelay = "${postline.push.gmail.initial-delay:5s}")
    void scheduled() {
        checkAll();
    }

    /** Brings every Gmail touchpoint's watch in line with whether it syncs and when it was last watched. */
    public void checkAll() {
        sweep.run(tenant -> tx.read(tenant, () -> watches.findByTenantId(tenant.value())).stream()
                .map(GmailWatchRecord::touchpointId).collect(Collectors.toSet()), this::check);
    }

    @EventListener
    void onTouchpointDeleting(TouchpointDeleting event) {
        calls.leaveAlone(event.touchpointId(), DELETION_QUIET);
        synchronized (sweep.lock(event.touchpointId())) {
            Optional<GmailWatchRecord> row = current(event.tenant(), event.touchpointId());
            Optional<Touchpoint> t = tx.read(event.tenant(), () -> touchpoints.findByTenantIdAndId(event.tenant().value(),
                    event.touchpointId()));
            if (row.isPresent() && t.isPresent()) {
                remove(event.tenant(), t.get(), row.get());
            }
        }
    }

    private void check(TenantId tenant, Touchpoint t) {
        Optional<GmailWatchRecord> row = current(tenant, t.id());
        if (!wanted(t)) {
            row.ifPresent(r -> remove(tenant, t, r));
            return;
        }
        if (calls.resting(t.id())) {
            return;
        }
        Instant now = clock.instant();
        String address = t.address().toLowerCase(Locale.ROOT);
        if (row.isEmpty() || !row.get().topic().equals(topic) || !row.get().emailAddress().equals(address)
                || !row.get().expiresAt().isAfter(now)) {
            watch(tenant, t, address, row, false);
        } else if (!row.get().watchedAt().plus(settings.getRewatchInterval()).isAfter(now)
                || row.get().expiresAt().isBefore(now.plus(settings.getRewatchInterval()))) {
            watch(tenant, t, address, row, true);
        }
    }

    private boolean wanted(Touchpoint t) {
        return t.connectorKind() == ConnectorKind.GMAIL && eligibility.shouldSync(t);
    }

    /** users.watch (a renewal is the same call) and the row to match; a first watch also looks once now. */
    private void watch(TenantId tenant, Touchpoint t, String address, Optional<GmailWatchRecord> row, boolean renewal) {
        Instant now = clock.instant();
        Instant wish = now.plus(Duration.ofDays(7));
        Optional<ChangeSubscription> made = calls.run(t, renewal ? "renewed" : "created", subs -> {
            if (renewal) {
                Optional<ChangeSubscription> renewed = subs.renew(topic, wish);
                if (renewed.isPresent()) {
                    return renewed;
                }
            }
            return Optional.of(subs.create(SubscriptionRequest.toTopic(topic, wish)));
        });
        if (made.isEmpty()) {
            return;
        }
        Instant expiry = made.get().expiresAt();
        try {
            tx.write(tenant, () -> row.isPresent()
                    ? watches.update(new GmailWatchRecord(row.get().id(), tenant.value(), t.id(), address, topic, expiry,
                            renewal ? row.get().createdAt() : now, renewal ? now : null))
                    : watches.save(new GmailWatchRecord(UUID.randomUUID(), tenant.value(), t.id(), address, topic, expiry, now, null)));
        } catch (RuntimeException e) {
            // E.g. the touchpoint was deleted meanwhile: do not leave a watch nobody renews or stops.
            stopUnlessWatchedElsewhere(tenant, t, address);
            throw e;
        }
        LOG.info("Gmail watch of touchpoint {} {}, expires {}", t.id(), renewal ? "renewed" : "created", expiry);
        if (!renewal) {
            // Pushes that came before the row was committed found no touchpoint: look once now.
            supervisor.hint(tenant, t.id());
        }
    }

    /** Stops at Gmail (best effort: the watch lapses there by itself) unless another touchpoint watches it, and deletes here. */
    private void remove(TenantId tenant, Touchpoint t, GmailWatchRecord row) {
        stopUnlessWatchedElsewhere(tenant, t, row.emailAddress());
        tx.write(tenant, () -> watches.deleteByTenantIdAndId(tenant.value(), row.id()));
        LOG.info("Gmail watch of touchpoint {} removed", t.id());
    }

    private void stopUnlessWatchedElsewhere(TenantId tenant, Touchpoint t, String address) {
        boolean elsewhere = directory.ownersOf(address).stream()
                .anyMatch(o -> !(o.tenant().equals(tenant) && o.touchpointId().equals(t.id())));
        if (elsewhere) {
            LOG.info("Gmail watch of touchpoint {} not stopped at Gmail: another touchpoint watches the same mailbox", t.id());
            return;
        }
        calls.run(t, "stopped", subs -> {
            subs.delete(topic);
            return Optional.of(address);
        });
    }

    private Optional<GmailWatchRecord> current(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> watches.findByTenantIdAndTouchpointId(tenant.value(), touchpointId));
    }

}
