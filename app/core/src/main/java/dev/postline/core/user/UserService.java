package dev.postline.core.user;

import dev.postline.core.common.EmailAddress;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.security.PasswordHasher;
import dev.postline.core.security.SessionVersions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A tenant's users. Keeps at least one enabled admin per tenant, so nobody locks a tenant out. */
@Singleton
public class UserService {

    @Serdeable
    public record NewUser(String email, String displayName, Role role, String password) {}

    @Serdeable
    public record UserChanges(@Nullable String displayName, @Nullable Role role, @Nullable Boolean enabled,
                              @Nullable String password) {}

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TenantTransactions tx;
    private final Clock clock;
    private final SessionVersions sessions;

    public UserService(UserRepository users, PasswordHasher hasher, TenantTransactions tx, Clock clock, SessionVersions sessions) {
        this.sessions = sessions;
        this.users = users;
        this.hasher = hasher;
        this.tx = tx;
        this.clock = clock;
    }

    public List<UserAccount> list(TenantId tenant) {
        return tx.read(tenant, () -> users.findByTenantIdOrderByEmailKey(tenant.value()));
    }

    public List<UserAccount> admins(TenantId tenant) {
        return tx.read(tenant, () -> users.findByTenantIdAndRoleOrderByEmailKey(tenant.value(), Role.ADMIN));
    }

    public UserAccount get(TenantId tenant, UUID id) {
        return tx.read(tenant, () -> users.findByTenantIdAndId(tenant.value(), id)).orElseThrow(() -> ApiException.notFound("user"));
    }

    public UserAccount create(TenantId tenant, NewUser request) {
        return create(tenant, request, null);
    }

    /**
     * As {@link #create(TenantId, NewUser)}, with the hash of {@code request.password()} made already (by
     * {@link PasswordHasher#hash}, from another user of the same password): for users known to share one
     * password, like the demo's public one, whose hash then costs one slow derivation instead of one per user.
     */
    public UserAccount createWithHashOf(TenantId tenant, NewUser request, UserAccount samePassword) {
        return create(tenant, request, samePassword.passwordHash());
    }

    private UserAccount create(TenantId tenant, NewUser request, @Nullable String madeHash) {
        InputCheck in = InputCheck.start();
        EmailAddress email = in.email("email", request.email());
        String name = in.text("displayName", request.displayName(), 200);
        Role role = in.require("role", request.role());
        checkPassword(in, request.password());
        in.orThrow();
        String hash = madeHash != null ? madeHash : hasher.hash(request.password().toCharArray());
        return tx.write(tenant, () -> {
            if (users.existsByTenantIdAndEmailKey(tenant.value(), email.normalized())) {
                throw ApiException.conflict("a user with this email already exists");
            }
            return users.save(new UserAccount(UUID.randomUUID(), tenant.value(), email.value(), email.normalized(),
                    name, role, hash, true, clock.instant(), 0));
        });
    }

    public UserAccount update(TenantId tenant, UUID id, UserChanges changes) {
        InputCheck in = InputCheck.start();
        String name = in.optionalText("displayName", changes.displayName(), 200);
        in.check(changes.displayName() == null || !changes.displayName().isBlank(), "displayName", "must not be blank");
        if (changes.password() != null) {
            checkPassword(in, changes.password());
        }
        in.orThrow();
        String newHash = changes.password() == null ? null : hasher.hash(changes.password().toCharArray());
        UserAccount updated = tx.write(tenant, () -> {
            UserAccount user = users.findByTenantIdAndIdForUpdate(tenant.value(), id).orElseThrow(() -> ApiException.notFound("user"));
            UserAccount changed = user.withProfile(
                    name != null ? name : user.displayName(),
                    changes.role() != null ? changes.role() : user.role(),
                    changes.enabled() != null ? changes.enabled() : user.enabled());
            if (newHash != null) {
                changed = changed.withPasswordHash(newHash);
            }
            if (wasActiveAdmin(user) && !wasActiveAdmin(changed)) {
                requireAnotherActiveAdmin(tenant, id);
            }
            // A new password, role or standing ends the sessions opened under the old one, in the same write.
            if (newHash != null || changed.role() != user.role() || changed.enabled() != user.enabled()) {
                changed = changed.withSessionsEnded();
            }
            return users.update(changed);
        });
        sessions.forget(tenant, id);
        return updated;
    }

    public void delete(TenantId tenant, UUID id) {
        tx.write(tenant, () -> {
            UserAccount user = users.findByTenantIdAndId(tenant.value(), id).orElseThrow(() -> ApiException.notFound("user"));
            if (wasActiveAdmin(user)) {
                requireAnotherActiveAdmin(tenant, id);
            }
            users.deleteByTenantIdAndId(tenant.value(), id);
        });
        sessions.forget(tenant, id);
    }

    /** Looks a user up for login; the email is compared case-insensitively. */
    public java.util.Optional<UserAccount> findForLogin(TenantId tenant, String email) {
        return tx.read(tenant, () -> users.findByTenantIdAndEmailKey(tenant.value(), email.strip().toLowerCase(Locale.ROOT)));
    }

    static void checkPassword(InputCheck in, @Nullable String password) {
        if (password == null || password.isEmpty()) {
            in.fail("password", "is required");
        } else if (password.length() < PasswordHasher.MIN_PASSWORD_LENGTH || password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            in.fail("password", "must be " + PasswordHasher.MIN_PASSWORD_LENGTH + " to "
                    + PasswordHasher.MAX_PASSWORD_LENGTH + " characters long");
        }
    }

    private static boolean wasActiveAdmin(UserAccount user) {
        return user.role() == Role.ADMIN && user.enabled();
    }

    private void requireAnotherActiveAdmin(TenantId tenant, UUID leaving) {
        boolean another = users.findByTenantIdAndRoleOrderByEmailKey(tenant.value(), Role.ADMIN).stream()
                .anyMatch(u -> u.enabled() && !u.id().equals(leaving));
        if (!another) {
            throw ApiException.conflict("a tenant needs at least one enabled admin; appoint another admin first");
        }
    }
}
