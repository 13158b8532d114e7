package dev.postline.core.lifecycle;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.ConnectionStates;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the {@link AuthorizationHorizon}s about every active touchpoint, at start and then hourly:
 * within the warning window (14 days) of the predicted end → EXPIRING and one re-authentication
 * notice; past the end → EXPIRED and an alert; a periodic check due (Microsoft: every 14 days from
 * the touchpoint's creation) → one notice per period. Every notice is deduplicated in the database,
 * so running more often, on several nodes or after a restart never repeats one.
 */
@Singleton
public class AuthorizationWatch {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationWatch.class);

    private final TenantRepository tenants;
    private final TouchpointRepository touchpoints;
    private final AuthorizationHorizons horizons;
    private final ConnectionStates states;
    private final LifecycleSettings settings;
    private final TenantTransactions tx;
    private final Clock clock;
    private final AtomicLong runs = new AtomicLong();

    public AuthorizationWatch(TenantRepository tenants, TouchpointRepository touchpoints, AuthorizationHorizons horizons,
                              ConnectionStates states, LifecycleSettings settings, TenantTransactions tx, Clock clock) {
        this.tenants = tenants;
        this.touchpoints = touchpoints;
        this.horizons = horizons;
        this.states = states;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${postline.lifecycle.watch-interval:1h}", initialDelay = "${postline.lifecycle.watch-initial-delay:5s}")
    public synchronized void run() {
        for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
            TenantId id = tenant.tenantId();
            for (Touchpoint t : tx.read(id, () -> touchpoints.findByTenantIdOrderByNameKey(id.value()))) {
                try {
                    check(id, t);
                } catch (RuntimeException e) {
                    LOG.error("Authorization check of touchpoint {}/{} failed", id, t.id(), e);
                }
            }
        }
        runs.incrementAndGet();
    }

    /** How many full runs have finished (lets tests wait for "at least one more run"). */
    public long runs() {
        return runs.get();
    }

    private void check(TenantId tenant, Touchpoint t) {
        if (!t.enabled() || t.connectionState() == ConnectionState.DISABLED || t.connectionState() == ConnectionState.EXPIRED) {
            return;
        }
        Horizon horizon = tx.read(tenant, () -> horizons.predict(tenant, t));
        Instant now = clock.instant();
        if (horizon.predictedEnd().isPresent()) {
            Instant end = horizon.predictedEnd().get();
            if (!now.isBefore(end)) {
                states.authorizationEnded(tenant, t.id(), horizon.basis());
                return;
            }
            if (!now.isBefore(end.minus(settings.getExpiringWindow()))) {
                states.authorizationEnding(tenant, t.id(), end, horizon.basis());
            } else if (t.connectionState() == ConnectionState.EXPIRING) {
                states.authorizationRenewed(tenant, t.id());
            }
        } else if (t.connectionState() == ConnectionState.EXPIRING) {
            states.authorizationRenewed(tenant, t.id());
        }
        if (horizon.periodicNotice().isPresent()) {
            Duration every = horizon.periodicNotice().get();
            long period = Duration.between(t.createdAt(), now).toMillis() / Math.max(1, every.toMillis());
            if (period >= 1) {
                states.periodicCheckDue(tenant, t.id(), period, every, horizon.basis());
            }
        }
    }
}
