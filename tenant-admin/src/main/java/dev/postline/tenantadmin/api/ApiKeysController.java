package dev.postline.tenantadmin.api;

import dev.postline.core.apikey.ApiKey;
import dev.postline.core.apikey.ApiKeyService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.user.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** API keys for portal integrations. Who may call: admins. The key itself is returned only once. */
@Controller("/api/v1/api-keys")
@Secured(Roles.ADMIN)
public class ApiKeysController {

    @Serdeable
    public record ApiKeyView(UUID id, String name, Role role, Instant createdAt, @Nullable Instant revokedAt, boolean active) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id(), k.name(), k.role(), k.createdAt(), k.revokedAt(), k.active());
        }
    }

    /** The one response that carries the key; store it now, it cannot be shown again. */
    @Serdeable
    public record IssuedKeyView(ApiKeyView apiKey, String key) {}

    private final ApiKeyService keys;

    public ApiKeysController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Get
    public List<ApiKeyView> list(@Authenticated Caller caller) {
        return keys.list(caller.tenant()).stream().map(ApiKeyView::of).toList();
    }

    @Post
    public HttpResponse<IssuedKeyView> create(@Authenticated Caller caller, @Body ApiKeyService.NewApiKey request) {
        var issued = keys.create(caller.tenant(), caller.principalId(), request);
        return HttpResponse.created(new IssuedKeyView(ApiKeyView.of(issued.key()), issued.token()));
    }

    /** Revokes the key; it stops working at once. */
    @Delete("/{apiKeyId}")
    public HttpResponse<Void> revoke(@Authenticated Caller caller, @PathVariable UUID apiKeyId) {
        keys.revoke(caller.tenant(), apiKeyId);
        return HttpResponse.noContent();
    }
}
