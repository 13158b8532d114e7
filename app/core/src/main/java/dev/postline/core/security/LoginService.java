package dev.postline.core.security;

import dev.postline.core.tenant.TenantService;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserService;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks email + password for a tenant's user (tenant given by slug) or, without a tenant, for the
 * platform operator. Every failure looks the same to the caller and costs the same hash time, so
 * the endpoint does not reveal which tenants or accounts exist. Repeated wrong passwords for one
 * sign-in name lock it for a while ({@link LoginThrottle}): {@link TooManyAttempts}, a 429.
 */
@Singleton
public class LoginService {

    private final TenantService tenants;
    private final UserService users;
    private final PasswordHasher hasher;
    private final OperatorSettings operator;
    private final LoginThrottle throttle;
    private final SessionVersions sessions;
    private final OperatorPassword operatorPassword;

    /** Too many wrong passwords for this sign-in name: the password was not checked. */
    public static final class TooManyAttempts extends ApiException {
        public TooManyAttempts(Duration wait) {
            super(HttpStatus.TOO_MANY_REQUESTS, "too many failed sign-ins for this account; try again in "
                    + Math.max(1, (wait.toSeconds() + 59) / 60) + " minute(s)");
            retryAfter(wait);
        }
    }

    public LoginService(TenantService tenants, UserService users, PasswordHasher hasher, OperatorSettings operator,
                        LoginThrottle throttle, SessionVersions sessions) {
        this.throttle = throttle;
        this.sessions = sessions;
        this.tenants = tenants;
        this.users = users;
        this.hasher = hasher;
        this.operator = operator;
        this.operatorPassword = OperatorPassword.of(operator, hasher);
    }

    /** The caller's authentication, empty for a wrong tenant, email or password; {@link TooManyAttempts} when locked. */
    public Optional<Authentication> login(@Nullable String tenantSlug, String email, String password) {
        String name = LoginThrottle.name(tenantSlug, email);
        Optional<Duration> locked = throttle.lockedFor(name);
        if (locked.isPresent()) {
            throw new TooManyAttempts(locked.get());
        }
        Optional<Authentication> result = check(tenantSlug, email, password);
        if (result.isPresent()) {
            throttle.succeeded(name);
        } else {
            throttle.failed(name);
        }
        return result;
    }

    private Optional<Authentication> check(@Nullable String tenantSlug, String email, String password) {
        char[] secret = password.toCharArray();
        if (tenantSlug == null || tenantSlug.isBlank()) {
            return operatorLogin(email, secret);
        }
        Optional<UserAccount> user = tenants.findBySlug(tenantSlug.strip().toLowerCase(Locale.ROOT))
                .flatMap(tenant -> users.findForLogin(tenant.tenantId(), email));
        if (user.isEmpty()) {
            hasher.verifyDecoy(secret);
            return Optional.empty();
        }
        UserAccount account = user.get();
        if (!hasher.verify(secret, account.passwordHash()) || !account.enabled()) {
            return Optional.empty();
        }
        return Optional.of(Authentication.build(account.id().toString(), List.of(account.role().name()), Map.of(
                Caller.ATTR_KIND, PrincipalKind.USER.name(),
                Caller.ATTR_PRINCIPAL, account.id().toString(),
                Caller.ATTR_TENANT, account.tenantId().toString(),
                SessionClaimsValidator.SESSION_VERSION, account.sessionVersion(),
                "email", account.email())));
    }

    private Optional<Authentication> operatorLogin(String email, char[] secret) {
        if (operator.getEmail() == null || !operatorPassword.configured() || !operator.getEmail().equalsIgnoreCase(email.strip())) {
            hasher.verifyDecoy(secret);
            return Optional.empty();
        }
        if (!operatorPassword.matches(secret)) {
            return Optional.empty();
        }
        String id = UUID.nameUUIDFromBytes(("operator:" + operator.getEmail().toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8)).toString();
        return Optional.of(Authentication.build(id, List.of(Roles.OPERATOR), Map.of(
                Caller.ATTR_KIND, PrincipalKind.OPERATOR.name(),
                Caller.ATTR_PRINCIPAL, id,
                SessionClaimsValidator.SESSION_VERSION, sessions.ofOperator(UUID.fromString(id)),
                "email", operator.getEmail())));
    }
}
