package dev.postline.core.sync;

import dev.postline.connectors.api.FailureKind;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.ConnectionStates;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Where a sync loop reports success and failure: the sync state (last error, shown to admins) and
 * the connection state machine, which decides with hysteresis what a failure means.
 */
@Singleton
public class SyncReporter {

    private final SyncStates states;
    private final ConnectionStates connections;

    public SyncReporter(SyncStates states, ConnectionStates connections) {
        this.states = states;
        this.connections = connections;
    }

    void synced(TenantId tenant, UUID touchpointId) {
        states.succeeded(tenant, touchpointId);
        connections.synced(tenant, touchpointId);
    }

    /**
     * Records the failure. Revoked authorization is handled by {@link #authorizationLost}; an
     * invalidated cursor is a resync, not a connection problem; everything else counts towards
     * CONNECTION_LOST.
     */
    void failed(TenantId tenant, UUID touchpointId, String safeReason, FailureKind kind) {
        states.failed(tenant, touchpointId, safeReason);
        if (kind != FailureKind.AUTH_REVOKED && kind != FailureKind.CURSOR_INVALID) {
            connections.syncFailed(tenant, touchpointId, safeReason);
        }
    }

    void authorizationLost(TenantId tenant, UUID touchpointId, String safeReason) {
        connections.authorizationLost(tenant, touchpointId, safeReason);
    }
}
