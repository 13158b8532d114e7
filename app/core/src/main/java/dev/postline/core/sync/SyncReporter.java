package dev.postline.core.sync;

import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.ConnectionStates;
import jakarta.inject.Singleton;
import java.util.UUID;

/** Where a sync loop reports success and failure: the sync state (last error) and the connection state. */
@Singleton
public class SyncReporter {

    private final SyncStates states;
    private final ConnectionStates connections;

    public SyncReporter(SyncStates states, ConnectionStates connections) {
        this.states = states;
        this.connections = connections;
    }

    void synced(TenantId tenant, UUID touchpointId) {
        connections.synced(tenant, touchpointId);
    }

    void failed(TenantId tenant, UUID touchpointId, String safeReason) {
        states.failed(tenant, touchpointId, safeReason);
    }

    void authorizationLost(TenantId tenant, UUID touchpointId) {
        connections.authorizationLost(tenant, touchpointId);
    }
}
