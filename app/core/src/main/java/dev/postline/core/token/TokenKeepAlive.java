package dev.postline.core.token;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.tenant.TenantRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uses every OAuth grant's refresh token at least once a day ({@code postline.oauth.keep-alive-after}),
 * so sliding windows (Microsoft: 90 days of inactivity; Google: 6 months unused) never lapse on a
 * quiet mailbox. Revoked grants are left alone. Failures are recorded by the token service and
 * otherwise ignored here: the next run tries again, the sync loop reports the touchpoint's state.
 */
@Singleton
@Requires(property = "postline.oauth.keep-alive.enabled", notEquals = "false")
public class TokenKeepAlive {

    private static final Logger LOG = LoggerFactory.getLogger(TokenKeepAlive.class);

    private final TenantRepository tenants;
    private final TenantTransactions tx;
    private final GrantStore grants;
    private final TokenService tokens;
    private final TokenSettings settings;
    private final Clock clock;

    public TokenKeepAlive(TenantRepository tenants, TenantTransactions tx, GrantStore grants, TokenService tokens,
                          TokenSettings settings, Clock clock) {
        this.tenants = tenants;
        this.tx = tx;
        this.grants = grants;
        this.tokens = tokens;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${postline.oauth.keep-alive.interval:1h}", initialDelay = "${postline.oauth.keep-alive.initial-delay:5m}")
    void scheduled() {
        runOnce();
    }

    /** Refreshes every idle grant once; returns how many were refreshed. */
    public int runOnce() {
        Instant idleBefore = clock.instant().minus(settings.getKeepAliveAfter());
        int refreshed = 0;
        for (var tenant : tx.platform(tenants::listOrderBySlug)) {
            TenantId id = tenant.tenantId();
            for (UUID touchpointId : grants.idleSince(id, idleBefore)) {
                try {
                    tokens.keepAlive(id, touchpointId);
                    refreshed++;
                } catch (ConnectorException e) {
                    LOG.info("Keep-alive refresh of touchpoint {} failed: {}", touchpointId, e.getMessage());
                }
            }
        }
        return refreshed;
    }
}
