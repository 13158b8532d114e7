package dev.postline.core.tenant;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.ingest.TicketNumbers;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserService;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creating and listing tenants: the platform operator's job. */
@Singleton
public class TenantService {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

    @Serdeable
    public record NewTenant(String slug, String name, UserService.NewUser admin) {}

    public record CreatedTenant(Tenant tenant, UserAccount admin) {}

    private final TenantRepository tenants;
    private final UserService users;
    private final TicketNumbers numbers;
    private final TenantTransactions tx;
    private final Clock clock;

    public TenantService(TenantRepository tenants, UserService users, TicketNumbers numbers, TenantTransactions tx, Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.numbers = numbers;
        this.tx = tx;
        this.clock = clock;
    }

    /** Creates the tenant and its first admin in one transaction: no tenant without an admin. */
    public CreatedTenant create(NewTenant request) {
        InputCheck in = InputCheck.start();
        String slug = in.text("slug", request.slug(), 40);
        in.check(slug == null || SLUG.matcher(slug).matches(), "slug",
                "use 1 to 40 lower-case letters, digits and inner hyphens");
        String name = in.text("name", request.name(), 200);
        UserService.NewUser admin = in.require("admin", request.admin());
        in.orThrow();
        TenantId id = TenantId.of(UUID.randomUUID());
        return tx.write(id, () -> {
            if (tenants.existsBySlug(slug)) {
                throw ApiException.conflict("a tenant with this slug already exists");
            }
            Tenant tenant = tenants.save(new Tenant(id.value(), slug, name, clock.instant()));
            numbers.startFor(id);
            UserAccount first = users.create(id, new UserService.NewUser(admin.email(), admin.displayName(), Role.ADMIN, admin.password()));
            return new CreatedTenant(tenant, first);
        });
    }

    public List<Tenant> list() {
        return tx.platform(tenants::listOrderBySlug);
    }

    public Tenant get(UUID id) {
        return tx.platform(() -> tenants.findById(id)).orElseThrow(() -> ApiException.notFound("tenant"));
    }

    public java.util.Optional<Tenant> findBySlug(String slug) {
        return tx.platform(() -> tenants.findBySlug(slug));
    }
}
