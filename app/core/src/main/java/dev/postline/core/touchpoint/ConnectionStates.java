package dev.postline.core.touchpoint;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/**
 * Moves a touchpoint's connection state as its sync succeeds or fails. The lifecycle issue adds
 * hysteresis, history and notifications here; the sync loop only reports what happened.
 */
@Singleton
public class ConnectionStates {

    private final TouchpointRepository touchpoints;
    private final TenantTransactions tx;
    private final Clock clock;

    public ConnectionStates(TouchpointRepository touchpoints, TenantTransactions tx, Clock clock) {
        this.touchpoints = touchpoints;
        this.tx = tx;
        this.clock = clock;
    }

    public void synced(TenantId tenant, UUID touchpointId) {
        move(tenant, touchpointId, ConnectionState.CONNECTED);
    }

    /** Authorization revoked or expired: stop retrying until an admin acts. */
    public void authorizationLost(TenantId tenant, UUID touchpointId) {
        move(tenant, touchpointId, ConnectionState.EXPIRED);
    }

    private void move(TenantId tenant, UUID id, ConnectionState target) {
        tx.write(tenant, () -> touchpoints.findByTenantIdAndId(tenant.value(), id)
                .filter(t -> t.enabled() && t.connectionState() != target)
                .ifPresent(t -> touchpoints.update(new Touchpoint(t.id(), t.tenantId(), t.address(), t.displayName(), t.nameKey(),
                        t.connectorKind(), t.direction(), t.enabled(), t.settings(), target, t.createdAt(), clock.instant()))));
    }
}
