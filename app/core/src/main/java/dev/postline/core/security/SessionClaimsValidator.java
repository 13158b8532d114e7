package dev.postline.core.security;

import dev.postline.core.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Every token (bearer header or session cookie) is checked on every request, after its signature:
 * it must expire ({@code exp}), be valid already ({@code nbf}, with a few seconds for clocks of
 * several nodes), and name its principal's current session version ({@link SessionVersions}): a
 * token issued before a sign-out, password change, role change, disabling or deleting is refused,
 * and the request is treated as unauthenticated (401). Runs on the blocking pool
 * ({@code micronaut.security.token.jwt.nimbus.reactive-validator-execute-on-blocking}), as it may
 * read the database.
 */
@Singleton
public class SessionClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    /** The claim naming the session version the token was issued under. */
    public static final String SESSION_VERSION = "sv";

    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    private final SessionVersions versions;
    private final Clock clock;

    public SessionClaimsValidator(SessionVersions versions, Clock clock) {
        this.versions = versions;
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        if (claims.get(Claims.EXPIRATION_TIME) == null || notYetValid(claims.get(Claims.NOT_BEFORE))) {
            return false;
        }
        if (!(claims.get(SESSION_VERSION) instanceof Number version)
                || !(claims.get(Caller.ATTR_KIND) instanceof String kind) || !(claims.get(Caller.ATTR_PRINCIPAL) instanceof String principal)) {
            return false;
        }
        try {
            UUID id = UUID.fromString(principal);
            return switch (PrincipalKind.valueOf(kind)) {
                case USER -> claims.get(Caller.ATTR_TENANT) instanceof String tenant
                        && versions.ofUser(TenantId.parse(tenant), id).equals(OptionalLong.of(version.longValue()));
                case OPERATOR -> versions.ofOperator(id) == version.longValue();
                case API_KEY -> false; // API keys are not tokens
            };
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private boolean notYetValid(@Nullable Object notBefore) {
        Instant nbf = notBefore instanceof Date date ? date.toInstant()
                : notBefore instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : null;
        return nbf != null && nbf.isAfter(clock.instant().plus(CLOCK_SKEW));
    }
}
