package dev.postline.server.lifecycle;

import dev.postline.core.lifecycle.AuthorizationHorizon;
import dev.postline.core.lifecycle.Horizon;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.Touchpoint;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Stands in for the token service's Microsoft rule in tests of the notice machinery: a healthy
 * Graph touchpoint has no end in sight but gets a re-authentication check every 14 days.
 */
@Singleton
@Requires(property = "test.microsoft-horizon", value = "true")
class MicrosoftStandInHorizon implements AuthorizationHorizon {

    @Override
    public boolean appliesTo(ConnectorKind kind) {
        return kind == ConnectorKind.GRAPH;
    }

    @Override
    public Horizon predict(TenantId tenant, Touchpoint touchpoint) {
        return new Horizon(Optional.empty(), Optional.of(Duration.ofDays(14)), "Microsoft: a check every 14 days");
    }
}
