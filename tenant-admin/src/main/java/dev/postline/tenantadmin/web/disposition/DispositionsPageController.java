package dev.postline.tenantadmin.web.disposition;

import dev.postline.core.disposition.Disposition;
import dev.postline.core.disposition.DispositionService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
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
import java.util.Map;
import java.util.UUID;

/**
 * The tenant's dispositions (what agents close a conversation with): list, create, rename,
 * activate/deactivate, delete. A delete the service refuses (conversations were closed with it)
 * shows the service's explanation on the list.
 */
@Hidden
@Controller("/admin/dispositions")
@Secured(Roles.ADMIN)
public class DispositionsPageController {

    static final String PATH = "/admin/dispositions";

    private final DispositionService dispositions;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public DispositionsPageController(DispositionService dispositions, AdminFrame frame, PageRenderer pages, ErrorPages errors) {
        this.dispositions = dispositions;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> list(HttpRequest<?> request, @Authenticated Caller caller, @QueryValue @Nullable String done) {
        String notice = done == null ? null : switch (done) {
            case "created" -> "The disposition was created.";
            case "saved" -> "The disposition was saved.";
            case "deleted" -> "The disposition was deleted.";
            default -> null;
        };
        return page(request, caller, HttpStatus.OK, "", null, null, notice);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> create(HttpRequest<?> request, @Authenticated Caller caller, @Body Map<String, Object> fields) {
        String name = Form.of(fields).get("name");
        try {
            dispositions.create(caller.tenant(), new DispositionService.NewDisposition(name, true));
        } catch (ApiException e) {
            if (!aboutInput(e)) {
                throw e;
            }
            return page(request, caller, e.status(), name, fieldMessage(e), null, null);
        }
        return PageRenderer.seeOther(PATH + "?done=created");
    }

    @Post("/{dispositionId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> rename(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID dispositionId,
                                       @Body Map<String, Object> fields) {
        Disposition current = dispositions.get(caller.tenant(), dispositionId);
        try {
            dispositions.update(caller.tenant(), dispositionId, new DispositionService.DispositionChanges(Form.of(fields).get("name"), null));
        } catch (ApiException e) {
            if (!aboutInput(e)) {
                throw e;
            }
            return page(request, caller, e.status(), "", null, "“" + current.name() + "” was not renamed: " + fieldMessage(e), null);
        }
        return PageRenderer.seeOther(PATH + "?done=saved");
    }

    @Post("/{dispositionId}/active")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> activate(@Authenticated Caller caller, @PathVariable UUID dispositionId, @Body Map<String, Object> fields) {
        boolean active = "true".equals(Form.of(fields).get("active"));
        dispositions.update(caller.tenant(), dispositionId, new DispositionService.DispositionChanges(null, active));
        return PageRenderer.seeOther(PATH + "?done=saved");
    }

    @Post("/{dispositionId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> delete(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID dispositionId) {
        Disposition current = dispositions.get(caller.tenant(), dispositionId);
        try {
            dispositions.delete(caller.tenant(), dispositionId);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            return page(request, caller, e.status(), "", null, "“" + current.name() + "” was not deleted: " + e.getMessage() + ".", null);
        }
        return PageRenderer.seeOther(PATH + "?done=deleted");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, HttpStatus status, String name, @Nullable String nameProblem,
                                      @Nullable String problem, @Nullable String notice) {
        Map<String, Object> model = frame.model(caller, "dispositions", "Dispositions");
        model.put("rows", dispositions.list(caller.tenant()));
        model.put("name", name);
        if (nameProblem != null) {
            model.put("nameProblem", nameProblem);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "dispositions", model, request);
    }

    private static boolean aboutInput(ApiException e) {
        return e.status() == HttpStatus.BAD_REQUEST || e.status() == HttpStatus.CONFLICT;
    }

    private static String fieldMessage(ApiException e) {
        return e.errors().stream().map(f -> f.message()).findFirst().orElse(e.getMessage());
    }
}
