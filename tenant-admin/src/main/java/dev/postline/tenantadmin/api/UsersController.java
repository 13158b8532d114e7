package dev.postline.tenantadmin.api;

import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The tenant's users. Who may call: admins change; supervisors read. */
@Controller("/api/v1/users")
public class UsersController {

    @Serdeable
    public record UserView(UUID id, String email, String displayName, Role role, boolean enabled, Instant createdAt,
                           List<UUID> ringGroupIds) {}

    private final UserService users;
    private final RingGroupService groups;

    public UsersController(UserService users, RingGroupService groups) {
        this.users = users;
        this.groups = groups;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public List<UserView> list(@Authenticated Caller caller) {
        return users.list(caller.tenant()).stream().map(u -> view(caller.tenant(), u)).toList();
    }

    @Post
    @Secured(Roles.ADMIN)
    public HttpResponse<UserView> create(@Authenticated Caller caller, @Body UserService.NewUser request) {
        return HttpResponse.created(view(caller.tenant(), users.create(caller.tenant(), request)));
    }

    @Get("/{userId}")
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public UserView get(@Authenticated Caller caller, @PathVariable UUID userId) {
        return view(caller.tenant(), users.get(caller.tenant(), userId));
    }

    @Patch("/{userId}")
    @Secured(Roles.ADMIN)
    public UserView update(@Authenticated Caller caller, @PathVariable UUID userId, @Body UserService.UserChanges changes) {
        return view(caller.tenant(), users.update(caller.tenant(), userId, changes));
    }

    @Delete("/{userId}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> delete(@Authenticated Caller caller, @PathVariable UUID userId) {
        users.delete(caller.tenant(), userId);
        return HttpResponse.noContent();
    }

    private UserView view(TenantId tenant, UserAccount u) {
        return new UserView(u.id(), u.email(), u.displayName(), u.role(), u.enabled(), u.createdAt(), groups.groupIdsOf(tenant, u.id()));
    }
}
