package dev.postline.core.sync;

import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.touchpoint.ConnectionState;
import dev.postline.core.touchpoint.Touchpoint;
import jakarta.inject.Singleton;

/**
 * Which touchpoints should have a running sync loop: enabled, receiving, with an installed connector
 * and a credential, and not waiting for an admin (EXPIRED, DISABLED). The sync supervisor starts and
 * stops loops by it; things that live alongside a loop (push subscriptions) follow the same rule, so
 * they exist exactly while the loop should.
 */
@Singleton
public class SyncEligibility {

    private final ConnectorSessions sessions;

    public SyncEligibility(ConnectorSessions sessions) {
        this.sessions = sessions;
    }

    public boolean shouldSync(Touchpoint t) {
        return t.enabled() && t.direction().receives() && sessions.supports(t)
                && t.connectionState() != ConnectionState.EXPIRED && t.connectionState() != ConnectionState.DISABLED
                && sessions.hasCredential(t);
    }
}
