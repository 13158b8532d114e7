package dev.postline.core.push;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The walk both push keepers make over the platform: every touchpoint of their connector kind, plus
 * any other touchpoint that still holds a registration of theirs (it must still go), each checked
 * under that touchpoint's own lock — the scheduled check, the provider's lifecycle events and a
 * deletion never act on one touchpoint at the same time — a failure logged and the walk going on.
 */
final class KeeperSweep {

    private static final Logger LOG = LoggerFactory.getLogger(KeeperSweep.class);

    private final TenantRepository tenants;
    private final TouchpointRepository touchpoints;
    private final TenantTransactions tx;
    private final ConnectorKind kind;
    private final String what;
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();

    /** {@code what} names a registration in log lines, e.g. "Gmail watch". */
    KeeperSweep(TenantRepository tenants, TouchpointRepository touchpoints, TenantTransactions tx, ConnectorKind kind, String what) {
        this.tenants = tenants;
        this.touchpoints = touchpoints;
        this.tx = tx;
        this.kind = kind;
        this.what = what;
    }

    /** Calls {@code check} for each touchpoint of the kind or in {@code registered(tenant)}, under its lock. */
    void run(Function<TenantId, Set<UUID>> registered, BiConsumer<TenantId, Touchpoint> check) {
        for (Tenant tenant : tx.platform(tenants::listOrderBySlug)) {
            TenantId id = tenant.tenantId();
            Set<UUID> held = registered.apply(id);
            for (Touchpoint t : tx.read(id, () -> touchpoints.findByTenantIdOrderByNameKey(id.value()))) {
                if (t.connectorKind() != kind && !held.contains(t.id())) {
                    continue;
                }
                try {
                    synchronized (lock(t.id())) {
                        check.accept(id, t);
                    }
                } catch (RuntimeException e) {
                    LOG.error("Checking the {} of touchpoint {} failed", what, t.id(), e);
                }
            }
        }
    }

    /** The lock every action on one touchpoint's registration holds. */
    Object lock(UUID touchpointId) {
        return locks.computeIfAbsent(touchpointId, id -> new Object());
    }
}
