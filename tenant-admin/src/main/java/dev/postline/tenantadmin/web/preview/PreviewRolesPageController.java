package dev.postline.tenantadmin.web.preview;

import dev.postline.core.preview.PreviewPermissions;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.user.Role;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Preview permissions of a touchpoint: one checkbox per role; a checked role may read the
 * touchpoint's conversations before taking them. None checked = everyone takes a conversation to
 * read it. The rule itself is enforced by the core ({@link PreviewPermissions}), not by this page.
 */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}/preview")
@Secured(Roles.ADMIN)
public class PreviewRolesPageController {

    /** A checkbox of the form: the role's wire name, its label and what checking it means. */
    public record RoleChoice(String name, String label, String help) {}

    static final List<RoleChoice> CHOICES = List.of(
            new RoleChoice(Role.ADMIN.name(), "Admins", "Administrators of the company (you can always change this page)."),
            new RoleChoice(Role.SUPERVISOR.name(), "Supervisors", "Team leads who monitor every queue."),
            new RoleChoice(Role.AGENT.name(), "Agents", "Agents of the ring groups linked to this touchpoint."));

    private final PreviewPermissions preview;
    private final TouchpointService touchpoints;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public PreviewRolesPageController(PreviewPermissions preview, TouchpointService touchpoints, AdminFrame frame, PageRenderer pages,
                                      ErrorPages errors) {
        this.preview = preview;
        this.touchpoints = touchpoints;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> form(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @QueryValue @Nullable String done) {
        List<String> allowed = preview.allowedRoles(caller.tenant(), touchpointId).stream().map(Role::name).toList();
        return page(request, caller, touchpointId, HttpStatus.OK, allowed,
                "saved".equals(done) ? "The preview permissions were saved." : null, null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> save(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @Body @Nullable Map<String, Object> fields) {
        List<String> chosen = Form.of(fields).all("roles");
        try {
            preview.replaceAllowedRoles(caller.tenant(), touchpointId, chosen);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            String message = e.errors().stream().map(f -> f.message()).findFirst().orElse(e.getMessage());
            return page(request, caller, touchpointId, e.status(), chosen, null, message);
        }
        return PageRenderer.seeOther("/admin/touchpoints/" + touchpointId + "/preview?done=saved");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, UUID touchpointId, HttpStatus status, List<String> allowed,
                                      @Nullable String notice, @Nullable String problem) {
        var t = touchpoints.get(caller.tenant(), touchpointId).touchpoint();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Preview permissions · " + t.displayName());
        model.put("id", t.id());
        model.put("name", t.displayName());
        model.put("choices", CHOICES);
        model.put("allowed", allowed);
        model.put("everyone", allowed.containsAll(Arrays.stream(Role.values()).map(Role::name).toList()));
        model.put("nobody", allowed.isEmpty());
        if (notice != null) {
            model.put("notice", notice);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        return pages.render(status, "touchpoint-preview", model, request);
    }
}
