package dev.postline.core.token;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.core.tenant.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that owns OAuth credentials. Connectors only ever get an access token from here
 * (through their credential source); nothing else sees a refresh token.
 *
 * <ul>
 *   <li>Refreshes ahead of expiry: a token with less than the margin (5 min) left is renewed before
 *       it is handed out, so sessions never run into a 401 to find out.</li>
 *   <li>Single-flight: concurrent callers in this process share one refresh; across nodes the
 *       {@link TokenRefreshLock} admits one refresher, and whoever waited re-reads the vault first.</li>
 *   <li>A rotated refresh token is stored together with the new access token (and the provider
 *       library's token cache, MSAL's for Microsoft), in one vault write and one transaction, before
 *       that access token is returned.</li>
 *   <li>Failures are classified: {@code AUTH_REVOKED} (re-consent needed) or {@code AUTH_TRANSIENT};
 *       the stored grant is never changed by a failure. While a transient failure lasts, a token that
 *       has not yet expired is still handed out.</li>
 * </ul>
 */
@Singleton
public class TokenService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private record Key(TenantId tenant, UUID touchpointId) {
        String lockName() {
            return "postline:token-refresh:" + tenant + ":" + touchpointId;
        }
    }

    private final GrantStore store;
    private final TokenEndpointClient endpoint;
    private final TokenRefreshLock lock;
    private final TokenSettings settings;
    private final Clock clock;
    private final Map<Key, CompletableFuture<OAuthGrant>> inFlight = new ConcurrentHashMap<>();
    private final Map<Key, Instant> lastTransientFailure = new ConcurrentHashMap<>();

    public TokenService(GrantStore store, TokenEndpointClient endpoint, TokenRefreshLock lock, TokenSettings settings, Clock clock) {
        this.store = store;
        this.endpoint = endpoint;
        this.lock = lock;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Stores a freshly consented grant (the consent callback calls this); replaces any earlier one.
     * Taken under the refresh lock, so a refresh of the old grant running at that moment cannot
     * overwrite the new consent afterwards.
     *
     * @throws IllegalStateException if a refresh on another node held the lock for the whole wait
     */
    public void storeGrant(TenantId tenant, UUID touchpointId, OAuthGrant grant) {
        Key key = new Key(tenant, touchpointId);
        Optional<TokenRefreshLock.Lease> lease;
        try {
            lease = lock.acquire(key.lockName(), settings.getLockTtl(), settings.getLockWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing an OAuth grant");
        }
        try (TokenRefreshLock.Lease held = lease.orElseThrow(() ->
                new IllegalStateException("this mailbox's token is being refreshed; try the authorization again"))) {
            store.save(tenant, touchpointId, grant);
            lastTransientFailure.remove(key);
        }
    }

    public boolean hasGrant(TenantId tenant, UUID touchpointId) {
        return store.facts(tenant, touchpointId).isPresent();
    }

    /**
     * A valid access token for the touchpoint's mailbox, refreshed first if it is within the margin.
     *
     * @throws ConnectorException {@code AUTH_REVOKED} if there is no grant or the provider refused it,
     *     {@code AUTH_TRANSIENT} if the token endpoint failed and the current token has expired
     */
    public String accessToken(TenantId tenant, UUID touchpointId) throws ConnectorException {
        OAuthGrant grant = load(tenant, touchpointId);
        Instant now = clock.instant();
        if (grant.freshFor(now, settings.getRefreshMargin())) {
            return grant.accessToken();
        }
        Key key = new Key(tenant, touchpointId);
        Instant failedAt = lastTransientFailure.get(key);
        if (failedAt != null && now.isBefore(failedAt.plus(settings.getRetryAfterFailure())) && now.isBefore(grant.accessExpiresAt())) {
            return grant.accessToken(); // the endpoint just failed; the current token still works
        }
        return singleFlight(key, false).accessToken();
    }

    /**
     * Redeems the refresh token now, whatever the access token's age: the keep-alive that stops
     * sliding windows (Microsoft 90 days, Google 6 months unused) from lapsing on idle mailboxes.
     * Skipped if another node used the refresh token within the keep-alive period meanwhile.
     */
    public void keepAlive(TenantId tenant, UUID touchpointId) throws ConnectorException {
        singleFlight(new Key(tenant, touchpointId), true);
    }

    private OAuthGrant singleFlight(Key key, boolean keepAlive) throws ConnectorException {
        CompletableFuture<OAuthGrant> mine = new CompletableFuture<>();
        CompletableFuture<OAuthGrant> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            OAuthGrant grant = refreshUnderLock(key, keepAlive);
            mine.complete(grant);
            return grant;
        } catch (ConnectorException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private OAuthGrant refreshUnderLock(Key key, boolean keepAlive) throws ConnectorException {
        Optional<TokenRefreshLock.Lease> lease;
        try {
            lease = lock.acquire(key.lockName(), settings.getLockTtl(), settings.getLockWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureKind.AUTH_TRANSIENT, "interrupted while waiting for a token refresh");
        }
        if (lease.isEmpty()) {
            OAuthGrant current = load(key.tenant(), key.touchpointId());
            if (!keepAlive && current.freshFor(clock.instant(), settings.getRefreshMargin())) {
                return current;
            }
            throw new ConnectorException(FailureKind.AUTH_TRANSIENT, "another node is still refreshing this mailbox's token");
        }
        try (TokenRefreshLock.Lease held = lease.get()) {
            // Re-read under the lock: another node (or an earlier flight) may have refreshed already.
            OAuthGrant current = load(key.tenant(), key.touchpointId());
            Instant now = clock.instant();
            if (keepAlive ? current.lastRefreshAt().isAfter(now.minus(settings.getKeepAliveAfter()))
                    : current.freshFor(now, settings.getRefreshMargin())) {
                return current;
            }
            Optional<Instant> revokedAt = store.facts(key.tenant(), key.touchpointId()).map(OAuthGrantRecord::revokedAt);
            if (revokedAt.isPresent()) {
                // Asking again would only hammer the provider with a dead refresh token.
                throw new ConnectorException(FailureKind.AUTH_REVOKED, "the provider refused this mailbox's authorization at "
                        + revokedAt.get() + "; an admin must re-authorize the mailbox");
            }
            return redeem(key, current);
        }
    }

    private OAuthGrant redeem(Key key, OAuthGrant current) throws ConnectorException {
        RefreshedTokens tokens;
        try {
            tokens = endpoint.refresh(current.provider(), current.refreshToken(), current.scopes(), current.tokenCache());
        } catch (ConnectorException e) {
            Instant at = clock.instant();
            boolean revoked = e.kind() == FailureKind.AUTH_REVOKED;
            String reason = reasonOf(e);
            store.recordFailure(key.tenant(), key.touchpointId(), at, reason, revoked);
            LOG.warn("Token refresh for touchpoint {} of tenant {} failed: {}", key.touchpointId(), key.tenant(), reason);
            if (!revoked) {
                lastTransientFailure.put(key, at);
                if (at.isBefore(current.accessExpiresAt())) {
                    return current; // refresh ahead of time failed; the token still works until it expires
                }
            }
            throw e;
        }
        OAuthGrant next = current.refreshed(tokens, clock.instant());
        store.save(key.tenant(), key.touchpointId(), next); // durable (rotation included) before anyone uses it
        lastTransientFailure.remove(key);
        LOG.debug("Refreshed the token of touchpoint {} (rotated: {})", key.touchpointId(), tokens.refreshToken().isPresent());
        return next;
    }

    private OAuthGrant load(TenantId tenant, UUID touchpointId) throws ConnectorException {
        return store.load(tenant, touchpointId).orElseThrow(() -> new ConnectorException(FailureKind.AUTH_REVOKED,
                "no OAuth authorization is stored for this touchpoint"));
    }

    private static OAuthGrant await(CompletableFuture<OAuthGrant> running) throws ConnectorException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(FailureKind.AUTH_TRANSIENT, "interrupted while waiting for a token refresh");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConnectorException failure) {
                throw new ConnectorException(failure.kind(), reasonOf(failure), failure);
            }
            throw new IllegalStateException("token refresh failed", e.getCause());
        }
    }

    private static String reasonOf(ConnectorException e) {
        String prefix = e.kind() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
