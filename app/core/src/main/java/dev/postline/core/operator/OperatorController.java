package dev.postline.core.operator;

import dev.postline.core.security.Roles;
import dev.postline.core.tenant.Tenant;
import dev.postline.core.tenant.TenantService;
import dev.postline.core.vault.SecretStore;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Platform operations. Who may call: platform operators only. */
@Controller("/api/v1/operator")
@Secured(Roles.OPERATOR)
public class OperatorController {

    @Serdeable
    public record TenantView(UUID id, String slug, String name, Instant createdAt) {
        static TenantView of(Tenant t) {
            return new TenantView(t.id(), t.slug(), t.name(), t.createdAt());
        }
    }

    @Serdeable
    public record CreatedTenantView(TenantView tenant, UUID adminUserId) {}

    @Serdeable
    public record ReencryptReport(int reencrypted) {}

    private final TenantService tenants;
    private final SecretStore secrets;

    public OperatorController(TenantService tenants, SecretStore secrets) {
        this.tenants = tenants;
        this.secrets = secrets;
    }

    /** Creates a tenant with its first admin. */
    @Post("/tenants")
    public HttpResponse<CreatedTenantView> create(@Body TenantService.NewTenant request) {
        var created = tenants.create(request);
        return HttpResponse.created(new CreatedTenantView(TenantView.of(created.tenant()), created.admin().id()));
    }

    @Get("/tenants")
    public List<TenantView> list() {
        return tenants.list().stream().map(TenantView::of).toList();
    }

    @Get("/tenants/{tenantId}")
    public TenantView get(@PathVariable UUID tenantId) {
        return TenantView.of(tenants.get(tenantId));
    }

    /** Moves every secret onto the vault's current primary key (run after a key rotation). */
    @Post("/vault/reencrypt")
    public ReencryptReport reencrypt() {
        return new ReencryptReport(secrets.reencryptAll());
    }
}
