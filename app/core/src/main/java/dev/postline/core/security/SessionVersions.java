package dev.postline.core.security;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserRepository;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session version every token must name to be accepted: the user row's {@code session_version}
 * (empty — no token accepted — for a deleted or disabled user), or the operator's row in
 * {@code operator_session}. Raising it ends every session issued before, on every node.
 *
 * <p>The database is the truth. Each node caches a lookup per tenant + user for {@code
 * postline.security.session-check-cache} (5 s by default) so that not every request reads the
 * database; a change made on this node drops its entry at once, a change made on another node is
 * seen here within that time at most. That is the longest a revoked session can still be used.
 */
@Singleton
public class SessionVersions {

    static final int MAX_ENTRIES = 100_000;

    private record Cached(OptionalLong version, Instant until) {}

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final UserRepository users;
    private final OperatorSessionRepository operators;
    private final TenantTransactions tx;
    private final Clock clock;
    private final Duration ttl;

    public SessionVersions(UserRepository users, OperatorSessionRepository operators, TenantTransactions tx, Clock clock,
                           @Value("${postline.security.session-check-cache:5s}") Duration ttl) {
        this.users = users;
        this.operators = operators;
        this.tx = tx;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The version a token of this user must name now; empty when the user no longer exists or is disabled. */
    public OptionalLong ofUser(TenantId tenant, UUID user) {
        return cached(tenant + "/" + user, () -> tx.read(tenant, () -> users.findByTenantIdAndId(tenant.value(), user))
                .filter(UserAccount::enabled).map(u -> OptionalLong.of(u.sessionVersion())).orElse(OptionalLong.empty()));
    }

    /** The version a token of this operator must name now. */
    public long ofOperator(UUID operator) {
        return cached("operator/" + operator, () -> OptionalLong.of(tx.platform(() -> operators.findById(operator))
                .map(OperatorSession::sessionVersion).orElse(0L))).orElse(0L);
    }

    /** Ends every session of whoever {@code authentication} is (sign-out); API keys have no session. */
    public void endSessionsOf(Authentication authentication) {
        CallerArgumentBinder.toCaller(authentication).ifPresent(caller -> {
            switch (caller.kind()) {
                case USER -> {
                    tx.write(caller.tenant(), () -> users.updateSessionVersionIncrement(caller.tenant().value(), caller.principalId()));
                    forget(caller.tenant(), caller.principalId());
                }
                case OPERATOR -> {
                    tx.platform(() -> operators.updateSessionVersionIncrement(caller.principalId()) > 0
                            ? null : operators.save(new OperatorSession(caller.principalId(), 1)));
                    cache.remove("operator/" + caller.principalId());
                }
                case API_KEY -> { }
            }
        });
    }

    /** Drops this node's cached version of the user, after a change committed elsewhere in this process. */
    public void forget(TenantId tenant, UUID user) {
        cache.remove(tenant + "/" + user);
    }

    private OptionalLong cached(String key, java.util.function.Supplier<OptionalLong> lookup) {
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.version();
        }
        OptionalLong version = lookup.get();
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear(); // bounded: dropping entries only costs lookups
        }
        cache.put(key, new Cached(version, now.plus(ttl)));
        return version;
    }
}
