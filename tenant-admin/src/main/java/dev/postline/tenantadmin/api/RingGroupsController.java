package dev.postline.tenantadmin.api;

import dev.postline.core.ringgroup.RingGroup;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Ring groups and membership. Who may call: admins change; every role of the tenant reads. */
@Controller("/api/v1/ring-groups")
public class RingGroupsController {

    @Serdeable
    public record RingGroupView(UUID id, String name, String description, Instant createdAt) {
        static RingGroupView of(RingGroup g) {
            return new RingGroupView(g.id(), g.name(), g.description(), g.createdAt());
        }
    }

    @Serdeable
    public record Members(List<UUID> userIds) {}

    private final RingGroupService groups;

    public RingGroupsController(RingGroupService groups) {
        this.groups = groups;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    public List<RingGroupView> list(@Authenticated Caller caller) {
        return groups.list(caller.tenant()).stream().map(RingGroupView::of).toList();
    }

    @Post
    @Secured(Roles.ADMIN)
    public HttpResponse<RingGroupView> create(@Authenticated Caller caller, @Body RingGroupService.NewRingGroup request) {
        return HttpResponse.created(RingGroupView.of(groups.create(caller.tenant(), request)));
    }

    @Get("/{ringGroupId}")
    @Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    public RingGroupView get(@Authenticated Caller caller, @PathVariable UUID ringGroupId) {
        return RingGroupView.of(groups.get(caller.tenant(), ringGroupId));
    }

    @Patch("/{ringGroupId}")
    @Secured(Roles.ADMIN)
    public RingGroupView update(@Authenticated Caller caller, @PathVariable UUID ringGroupId, @Body RingGroupService.RingGroupChanges changes) {
        return RingGroupView.of(groups.update(caller.tenant(), ringGroupId, changes));
    }

    @Delete("/{ringGroupId}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> delete(@Authenticated Caller caller, @PathVariable UUID ringGroupId) {
        groups.delete(caller.tenant(), ringGroupId);
        return HttpResponse.noContent();
    }

    @Get("/{ringGroupId}/members")
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public Members members(@Authenticated Caller caller, @PathVariable UUID ringGroupId) {
        return new Members(groups.memberIds(caller.tenant(), ringGroupId));
    }

    @Put("/{ringGroupId}/members/{userId}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> addMember(@Authenticated Caller caller, @PathVariable UUID ringGroupId, @PathVariable UUID userId) {
        groups.addMember(caller.tenant(), ringGroupId, userId);
        return HttpResponse.noContent();
    }

    @Delete("/{ringGroupId}/members/{userId}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> removeMember(@Authenticated Caller caller, @PathVariable UUID ringGroupId, @PathVariable UUID userId) {
        groups.removeMember(caller.tenant(), ringGroupId, userId);
        return HttpResponse.noContent();
    }
}
