package dev.postline.tenantadmin.web.team;

import dev.postline.core.ringgroup.RingGroup;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.user.Role;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserService;
import dev.postline.core.web.ApiException;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The tenant's users: list, create (with a first password), edit (name, role, enabled, new
 * password, ring groups), delete. The service keeps at least one enabled admin.
 */
@Hidden
@Controller("/admin/users")
@Secured(Roles.ADMIN)
public class UsersPageController {

    static final String PATH = "/admin/users";

    public record UserRow(UUID id, String name, String email, String role, boolean enabled, String groups) {}

    /** A ring group on the user's page, checked when the user is a member. */
    public record GroupChoice(UUID id, String name, boolean member) {}

    /** The create form's values (the password is never sent back). */
    public record Draft(String email, String displayName, String role) {
        static final Draft EMPTY = new Draft("", "", Role.AGENT.name());
    }

    private final UserService users;
    private final RingGroupService groups;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public UsersPageController(UserService users, RingGroupService groups, AdminFrame frame, PageRenderer pages, ErrorPages errors) {
        this.users = users;
        this.groups = groups;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> list(HttpRequest<?> request, @Authenticated Caller caller, @QueryValue @Nullable String done) {
        return listPage(request, caller, HttpStatus.OK, Draft.EMPTY, Map.of(), "deleted".equals(done) ? "The user was deleted." : null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> create(HttpRequest<?> request, @Authenticated Caller caller, @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        Draft draft = new Draft(form.get("email"), form.get("displayName"), form.get("role"));
        UserAccount created;
        try {
            created = users.create(caller.tenant(), new UserService.NewUser(draft.email(), draft.displayName(), role(draft.role()),
                    form.get("password")));
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST && e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            Map<String, String> problems = RingGroupsPageController.problems(e);
            if (e.status() == HttpStatus.CONFLICT) {
                problems = Map.of("email", e.getMessage());
            }
            return listPage(request, caller, e.status(), draft, problems, null);
        }
        return PageRenderer.seeOther(PATH + "/" + created.id() + "?done=created");
    }

    @Get("/{userId}")
    public HttpResponse<String> show(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID userId,
                                     @QueryValue @Nullable String done) {
        UserAccount user = users.get(caller.tenant(), userId);
        String notice = "created".equals(done) ? "The user was created." : "saved".equals(done) ? "The user was saved." : null;
        return userPage(request, caller, user, HttpStatus.OK, user.displayName(), user.role().name(), user.enabled(),
                Set.copyOf(groups.groupIdsOf(caller.tenant(), userId)), Map.of(), notice);
    }

    /** Saves the profile, then the ring groups (checkbox {@code group}, one per group the user is in). */
    @Post("/{userId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> update(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID userId,
                                       @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        UserAccount user = users.get(caller.tenant(), userId);
        boolean enabled = "true".equals(form.get("enabled"));
        Set<UUID> wanted = form.all("group").stream().map(UsersPageController::uuid).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        try {
            users.update(caller.tenant(), userId, new UserService.UserChanges(form.get("displayName"), role(form.get("role")), enabled,
                    form.get("password").isEmpty() ? null : form.get("password")));
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST && e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            Map<String, String> problems = e.errors().isEmpty() ? Map.of("role", e.getMessage()) : RingGroupsPageController.problems(e);
            return userPage(request, caller, user, e.status(), form.get("displayName"), form.get("role"), enabled, wanted, problems, null);
        }
        Set<UUID> current = new HashSet<>(groups.groupIdsOf(caller.tenant(), userId));
        for (RingGroup g : groups.list(caller.tenant())) {
            if (wanted.contains(g.id()) && !current.contains(g.id())) {
                groups.addMember(caller.tenant(), g.id(), userId);
            } else if (!wanted.contains(g.id()) && current.contains(g.id())) {
                groups.removeMember(caller.tenant(), g.id(), userId);
            }
        }
        return PageRenderer.seeOther(PATH + "/" + userId + "?done=saved");
    }

    @Post("/{userId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> delete(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID userId) {
        UserAccount user = users.get(caller.tenant(), userId);
        try {
            users.delete(caller.tenant(), userId);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.CONFLICT && e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            return userPage(request, caller, user, e.status(), user.displayName(), user.role().name(), user.enabled(),
                    Set.copyOf(groups.groupIdsOf(caller.tenant(), userId)), Map.of("delete", e.getMessage()), null);
        }
        return PageRenderer.seeOther(PATH + "?done=deleted");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> listPage(HttpRequest<?> request, Caller caller, HttpStatus status, Draft draft,
                                          Map<String, String> problems, @Nullable String notice) {
        Map<UUID, String> groupNames = groups.list(caller.tenant()).stream().collect(Collectors.toMap(RingGroup::id, RingGroup::name));
        Map<String, Object> model = frame.model(caller, "users", "Users");
        model.put("rows", users.list(caller.tenant()).stream().map(u -> new UserRow(u.id(), u.displayName(), u.email(), u.role().name(),
                u.enabled(), groups.groupIdsOf(caller.tenant(), u.id()).stream().map(groupNames::get)
                        .filter(java.util.Objects::nonNull).sorted().collect(Collectors.joining(", ")))).toList());
        model.put("roles", roles());
        model.put("draft", draft);
        model.put("problems", problems);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "users", model, request);
    }

    private HttpResponse<String> userPage(HttpRequest<?> request, Caller caller, UserAccount user, HttpStatus status, String displayName,
                                          String role, boolean enabled, Set<UUID> memberOf, Map<String, String> problems,
                                          @Nullable String notice) {
        Map<String, Object> model = frame.model(caller, "users", "User · " + user.displayName());
        model.put("user", user);
        model.put("displayName", displayName);
        model.put("role", role);
        model.put("enabled", enabled);
        model.put("roles", roles());
        model.put("groups", groups.list(caller.tenant()).stream().map(g -> new GroupChoice(g.id(), g.name(), memberOf.contains(g.id())))
                .toList());
        model.put("problems", problems);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "user", model, request);
    }

    private static List<String> roles() {
        return Arrays.stream(Role.values()).map(Role::name).toList();
    }

    @Nullable
    private static Role role(String value) {
        return Arrays.stream(Role.values()).filter(r -> r.name().equals(value)).findFirst().orElse(null);
    }

    @Nullable
    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
