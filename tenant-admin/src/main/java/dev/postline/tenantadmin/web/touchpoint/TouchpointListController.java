package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.core.lifecycle.TouchpointLifecycle;
import dev.postline.core.ringgroup.RingGroup;
import dev.postline.core.ringgroup.RingGroupService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.sync.SyncStates;
import dev.postline.core.touchpoint.TouchpointService;
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
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The touchpoint list with its row actions: edit, duplicate, reconnect, re-authenticate, activate/deactivate, delete. Admins only. */
@Hidden
@Controller("/admin/touchpoints")
@Secured(Roles.ADMIN)
public class TouchpointListController {

    /** Fixed texts for the outcome of the last action (Post/Redirect/Get), never echoed input. */
    private static final Map<String, String> NOTICES = Map.of(
            "created", "The touchpoint was created. It connects in the background; its status updates here.",
            "deleted", "The touchpoint was deleted.",
            "enabled", "The touchpoint was activated.",
            "disabled", "The touchpoint was deactivated: no mail is fetched or sent until it is activated again.",
            "reconnecting", "Reconnecting now: the status updates when the mail server answers.");

    private final TouchpointService touchpoints;
    private final SyncStates syncStates;
    private final RingGroupService groups;
    private final TouchpointLifecycle lifecycle;
    private final Clock clock;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public TouchpointListController(TouchpointService touchpoints, SyncStates syncStates, RingGroupService groups,
                                    TouchpointLifecycle lifecycle, Clock clock, AdminFrame frame, PageRenderer pages,
                                    ErrorPages errors) {
        this.touchpoints = touchpoints;
        this.syncStates = syncStates;
        this.groups = groups;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> list(HttpRequest<?> request, @Authenticated Caller caller, @QueryValue @Nullable String done) {
        return page(request, caller, HttpStatus.OK, done == null ? null : NOTICES.get(done), null);
    }

    @Post("/{touchpointId}/enabled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> setEnabled(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                           @Body Map<String, Object> fields) {
        boolean enable = "true".equals(Form.of(fields).get("enabled"));
        touchpoints.update(caller.tenant(), touchpointId, new TouchpointService.TouchpointChanges(null, null, enable, null, null));
        return PageRenderer.seeOther("/admin/touchpoints?done=" + (enable ? "enabled" : "disabled"));
    }

    @Post("/{touchpointId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> delete(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId) {
        String name = touchpoints.get(caller.tenant(), touchpointId).touchpoint().displayName();
        try {
            touchpoints.delete(caller.tenant(), touchpointId);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            return page(request, caller, HttpStatus.CONFLICT, null, "“" + name + "” was not deleted: it has conversations, and "
                    + "their history must stay reachable. Deactivate the touchpoint instead; it then fetches and sends nothing.");
        }
        return PageRenderer.seeOther("/admin/touchpoints?done=deleted");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, HttpStatus status,
                                      @Nullable String notice, @Nullable String problem) {
        Map<UUID, RingGroup> groupsById = groups.list(caller.tenant()).stream()
                .collect(Collectors.toMap(RingGroup::id, Function.identity()));
        Instant now = clock.instant();
        var rows = touchpoints.list(caller.tenant()).stream()
                .map(d -> TouchpointRow.of(d, syncStates.find(caller.tenant(), d.touchpoint().id()).orElse(null), groupsById,
                        lifecycle.status(caller.tenant(), d.touchpoint()), now))
                .toList();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Touchpoints");
        model.put("rows", rows);
        model.put("refresh", rows.stream().anyMatch(r -> r.badge().tone().equals("info")));
        if (notice != null) {
            model.put("notice", notice);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        return pages.render(status, "touchpoints", model, request);
    }
}
