package dev.postline.core.lifecycle;

import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.Touchpoint;

/**
 * Predicts when a touchpoint's authorization ends, by the rules of its provider (DESIGN.md,
 * "Connection and token lifecycle"). One bean per credential family: the password horizon (an
 * admin-set expiry date, otherwise none) and the OAuth horizon of the token service (Microsoft 90
 * days sliding, Google 7 days in testing mode, 6 months unused). The lifecycle watcher asks every
 * bean that {@link #appliesTo} a touchpoint and turns the answer into EXPIRING / EXPIRED and notices.
 */
public interface AuthorizationHorizon {

    boolean appliesTo(ConnectorKind kind);

    /** Must be called inside a tenant transaction of {@code tenant}. */
    Horizon predict(TenantId tenant, Touchpoint touchpoint);
}
