package dev.postline.tenantadmin.web.disposition;

import dev.postline.core.disposition.DispositionService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which dispositions a touchpoint's agents may choose: checkboxes of the tenant's dispositions;
 * none checked means the touchpoint uses the tenant's whole (active) list.
 */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}/dispositions")
@Secured(Roles.ADMIN)
public class TouchpointDispositionsPageController {

    private final DispositionService dispositions;
    private final TouchpointService touchpoints;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public TouchpointDispositionsPageController(DispositionService dispositions, TouchpointService touchpoints, AdminFrame frame,
                                                PageRenderer pages, ErrorPages errors) {
        this.dispositions = dispositions;
        this.touchpoints = touchpoints;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> form(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @QueryValue @Nullable String done) {
        return page(request, caller, touchpointId, HttpStatus.OK, dispositions.touchpointList(caller.tenant(), touchpointId),
                "saved".equals(done) ? "The touchpoint's dispositions were saved." : null, null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> save(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @Body Map<String, Object> fields) {
        List<UUID> chosen = new ArrayList<>();
        try {
            for (String value : Form.of(fields).all("dispositionIds")) {
                chosen.add(parse(value));
            }
            dispositions.replaceTouchpointList(caller.tenant(), touchpointId, chosen);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            String message = e.errors().stream().map(f -> f.message()).findFirst().orElse(e.getMessage());
            return page(request, caller, touchpointId, e.status(), chosen, null, message);
        }
        return PageRenderer.seeOther("/admin/touchpoints/" + touchpointId + "/dispositions?done=saved");
    }

    private static UUID parse(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("dispositionIds", "unknown disposition");
        }
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, UUID touchpointId, HttpStatus status, List<UUID> chosen,
                                      @Nullable String notice, @Nullable String problem) {
        var t = touchpoints.get(caller.tenant(), touchpointId).touchpoint();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Dispositions · " + t.displayName());
        model.put("id", t.id());
        model.put("name", t.displayName());
        model.put("rows", dispositions.list(caller.tenant()));
        model.put("chosen", chosen.stream().map(UUID::toString).toList());
        model.put("inherits", chosen.isEmpty());
        if (notice != null) {
            model.put("notice", notice);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        return pages.render(status, "touchpoint-dispositions", model, request);
    }
}
