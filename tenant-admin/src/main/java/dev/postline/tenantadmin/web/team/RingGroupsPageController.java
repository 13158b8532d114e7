package dev.postline.tenantadmin.web.team;

import dev.postline.core.ringgroup.RingGroup;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserService;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.FieldError;
import dev.postline.tenantadmin.web.AdminFrame;
import dev.postline.tenantadmin.web.ErrorPages;
import dev.postline.tenantadmin.web.Form;
import dev.postline.tenantadmin.web.PageRenderer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Ring groups (the queues conversations are routed to): list, create, rename, delete, and their members. */
@Hidden
@Controller("/admin/ring-groups")
@Secured(Roles.ADMIN)
public class RingGroupsPageController {

    static final String PATH = "/admin/ring-groups";

    public record GroupRow(UUID id, String name, String description, int members) {}

    public record MemberRow(UUID id, String name, String email, String role) {}

    private final RingGroupService groups;
    private final UserService users;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public RingGroupsPageController(RingGroupService groups, UserService users, AdminFrame frame, PageRenderer pages, ErrorPages errors) {
        this.groups = groups;
        this.users = users;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> list(HttpRequest<?> request, @Authenticated Caller caller, @QueryValue @Nullable String done) {
        return listPage(request, caller, HttpStatus.OK, "", "", Map.of(), "deleted".equals(done) ? "The ring group was deleted." : null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> create(HttpRequest<?> request, @Authenticated Caller caller, @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        RingGroup created;
        try {
            created = groups.create(caller.tenant(), new RingGroupService.NewRingGroup(form.get("name"), form.get("description")));
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST && e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            return listPage(request, caller, e.status(), form.get("name"), form.get("description"), problems(e), null);
        }
        return PageRenderer.seeOther(PATH + "/" + created.id() + "?done=created");
    }

    @Get("/{ringGroupId}")
    public HttpResponse<String> show(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID ringGroupId,
                                     @QueryValue @Nullable String done) {
        RingGroup group = groups.get(caller.tenant(), ringGroupId);
        String notice = done == null ? null : switch (done) {
            case "created" -> "The ring group was created. Add its members below.";
            case "saved" -> "The ring group was saved.";
            case "added" -> "The member was added.";
            case "removed" -> "The member was removed.";
            default -> null;
        };
        return groupPage(request, caller, group, HttpStatus.OK, group.name(), group.description(), Map.of(), notice);
    }

    @Post("/{ringGroupId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> update(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID ringGroupId,
                                       @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        RingGroup group = groups.get(caller.tenant(), ringGroupId);
        try {
            groups.update(caller.tenant(), ringGroupId, new RingGroupService.RingGroupChanges(form.get("name"), form.get("description")));
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST && e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            return groupPage(request, caller, group, e.status(), form.get("name"), form.get("description"), problems(e), null);
        }
        return PageRenderer.seeOther(PATH + "/" + ringGroupId + "?done=saved");
    }

    @Post("/{ringGroupId}/members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> addMember(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID ringGroupId,
                                          @Body Map<String, Object> fields) {
        RingGroup group = groups.get(caller.tenant(), ringGroupId);
        UUID userId;
        try {
            userId = UUID.fromString(Form.of(fields).get("userId"));
        } catch (IllegalArgumentException e) {
            return groupPage(request, caller, group, HttpStatus.BAD_REQUEST, group.name(), group.description(),
                    Map.of("userId", "choose a user"), null);
        }
        groups.addMember(caller.tenant(), ringGroupId, userId);
        return PageRenderer.seeOther(PATH + "/" + ringGroupId + "?done=added");
    }

    @Post("/{ringGroupId}/members/{userId}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> removeMember(@Authenticated Caller caller, @PathVariable UUID ringGroupId, @PathVariable UUID userId) {
        groups.removeMember(caller.tenant(), ringGroupId, userId);
        return PageRenderer.seeOther(PATH + "/" + ringGroupId + "?done=removed");
    }

    @Post("/{ringGroupId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> delete(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID ringGroupId) {
        RingGroup group = groups.get(caller.tenant(), ringGroupId);
        try {
            groups.delete(caller.tenant(), ringGroupId);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            return groupPage(request, caller, group, e.status(), group.name(), group.description(), Map.of("delete", e.getMessage()), null);
        }
        return PageRenderer.seeOther(PATH + "?done=deleted");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> listPage(HttpRequest<?> request, Caller caller, HttpStatus status, String name, String description,
                                          Map<String, String> problems, @Nullable String notice) {
        Map<String, Object> model = frame.model(caller, "ring-groups", "Ring groups");
        model.put("rows", groups.list(caller.tenant()).stream().map(g -> new GroupRow(g.id(), g.name(), g.description(),
                groups.memberIds(caller.tenant(), g.id()).size())).toList());
        model.put("name", name);
        model.put("description", description);
        model.put("problems", problems);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "ring-groups", model, request);
    }

    private HttpResponse<String> groupPage(HttpRequest<?> request, Caller caller, RingGroup group, HttpStatus status, String name,
                                           String description, Map<String, String> problems, @Nullable String notice) {
        Set<UUID> memberIds = new HashSet<>(groups.memberIds(caller.tenant(), group.id()));
        List<UserAccount> all = users.list(caller.tenant());
        Map<String, Object> model = frame.model(caller, "ring-groups", "Ring group · " + group.name());
        model.put("group", group);
        model.put("name", name);
        model.put("description", description);
        model.put("members", all.stream().filter(u -> memberIds.contains(u.id())).map(RingGroupsPageController::member).toList());
        model.put("candidates", all.stream().filter(u -> !memberIds.contains(u.id())).map(RingGroupsPageController::member).toList());
        model.put("problems", problems);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "ring-group", model, request);
    }

    private static MemberRow member(UserAccount u) {
        return new MemberRow(u.id(), u.displayName(), u.email(), u.role().name());
    }

    static Map<String, String> problems(ApiException e) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (FieldError f : e.errors()) {
            problems.putIfAbsent(f.field(), f.message());
        }
        if (problems.isEmpty()) {
            problems.put("name", e.getMessage());
        }
        return problems;
    }
}
