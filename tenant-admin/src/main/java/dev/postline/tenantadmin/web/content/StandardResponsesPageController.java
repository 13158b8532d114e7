package dev.postline.tenantadmin.web.content;

import dev.postline.core.branding.StandardResponse;
import dev.postline.core.branding.StandardResponseService;
import dev.postline.core.branding.TemplateVariables;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Standard responses, tenant-wide or for one touchpoint: list (optionally one touchpoint's, as
 * its agents see them), create, edit, delete. Variables are checked when saved.
 */
@Hidden
@Controller("/admin/standard-responses")
@Secured(Roles.ADMIN)
public class StandardResponsesPageController {

    static final String PATH = "/admin/standard-responses";

    /** One response in the list; {@code scope} names the touchpoint or says "All touchpoints". */
    public record Row(UUID id, String name, String scope, String preview) {}

    /** The form's values. {@code touchpointId} is "" for tenant-wide. */
    public record Draft(String name, String touchpointId, String text, String html) {
        static final Draft EMPTY = new Draft("", "", "", "");

        static Draft of(Form form) {
            return new Draft(form.get("name"), form.get("touchpointId"), form.get("text"), form.get("html"));
        }

        static Draft of(StandardResponse r) {
            return new Draft(r.name(), r.touchpointId() == null ? "" : r.touchpointId().toString(),
                    r.bodyText() == null ? "" : r.bodyText(), r.bodyHtml() == null ? "" : r.bodyHtml());
        }
    }

    private final StandardResponseService responses;
    private final TouchpointService touchpoints;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public StandardResponsesPageController(StandardResponseService responses, TouchpointService touchpoints, AdminFrame frame,
                                           PageRenderer pages, ErrorPages errors) {
        this.responses = responses;
        this.touchpoints = touchpoints;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> list(HttpRequest<?> request, @Authenticated Caller caller, @QueryValue @Nullable UUID touchpoint,
                                     @QueryValue @Nullable String done) {
        String notice = done == null ? null : switch (done) {
            case "created" -> "The standard response was created.";
            case "saved" -> "The standard response was saved.";
            case "deleted" -> "The standard response was deleted.";
            default -> null;
        };
        return listPage(request, caller, touchpoint, HttpStatus.OK, Draft.EMPTY, Map.of(), notice);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> create(HttpRequest<?> request, @Authenticated Caller caller, @Body Map<String, Object> fields) {
        Draft draft = Draft.of(Form.of(fields));
        try {
            UUID touchpointId = draft.touchpointId().isBlank() ? null : UUID.fromString(draft.touchpointId());
            responses.create(caller.tenant(), new StandardResponseService.NewStandardResponse(draft.name(),
                    blankToNull(draft.text()), blankToNull(draft.html()), touchpointId));
        } catch (IllegalArgumentException e) {
            return listPage(request, caller, null, HttpStatus.BAD_REQUEST, draft, Map.of("touchpointId", "choose a touchpoint"), null);
        } catch (ApiException e) {
            if (!Problems.aboutInput(e)) {
                throw e;
            }
            return listPage(request, caller, null, e.status(), draft, Problems.of(e, "name"), null);
        }
        return PageRenderer.seeOther(PATH + "?done=created");
    }

    @Get("/{responseId}")
    public HttpResponse<String> edit(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID responseId) {
        StandardResponse r = responses.get(caller.tenant(), responseId);
        return editPage(request, caller, r, HttpStatus.OK, Draft.of(r), Map.of());
    }

    @Post("/{responseId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> update(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID responseId,
                                       @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        StandardResponse current = responses.get(caller.tenant(), responseId);
        Draft draft = new Draft(form.get("name"), Draft.of(current).touchpointId(), form.get("text"), form.get("html"));
        try {
            responses.update(caller.tenant(), responseId,
                    new StandardResponseService.StandardResponseChanges(draft.name(), draft.text(), draft.html()));
        } catch (ApiException e) {
            if (!Problems.aboutInput(e)) {
                throw e;
            }
            return editPage(request, caller, current, e.status(), draft, Problems.of(e, "name"));
        }
        return PageRenderer.seeOther(PATH + "?done=saved");
    }

    @Post("/{responseId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> delete(@Authenticated Caller caller, @PathVariable UUID responseId) {
        responses.delete(caller.tenant(), responseId);
        return PageRenderer.seeOther(PATH + "?done=deleted");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> listPage(HttpRequest<?> request, Caller caller, @Nullable UUID touchpoint, HttpStatus status,
                                          Draft draft, Map<String, String> problems, @Nullable String notice) {
        Map<UUID, String> names = touchpointNames(caller);
        if (touchpoint != null && !names.containsKey(touchpoint)) {
            throw ApiException.notFound("touchpoint");
        }
        Map<String, Object> model = frame.model(caller, "standard-responses", "Standard responses");
        model.put("rows", responses.list(caller.tenant(), touchpoint).stream().map(r -> new Row(r.id(), r.name(),
                r.touchpointId() == null ? "All touchpoints" : names.getOrDefault(r.touchpointId(), "—"), preview(r))).toList());
        model.put("touchpoints", names.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList());
        model.put("filter", touchpoint == null ? "" : touchpoint.toString());
        model.put("draft", draft);
        model.put("variables", TemplateVariables.NAMES);
        model.put("problems", problems);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "standard-responses", model, request);
    }

    private HttpResponse<String> editPage(HttpRequest<?> request, Caller caller, StandardResponse r, HttpStatus status, Draft draft,
                                          Map<String, String> problems) {
        Map<String, Object> model = frame.model(caller, "standard-responses", "Standard response · " + r.name());
        model.put("id", r.id());
        model.put("scope", r.touchpointId() == null ? "All touchpoints" : touchpointNames(caller).getOrDefault(r.touchpointId(), "—"));
        model.put("draft", draft);
        model.put("variables", TemplateVariables.NAMES);
        model.put("problems", problems);
        return pages.render(status, "standard-response", model, request);
    }

    private Map<UUID, String> touchpointNames(Caller caller) {
        return touchpoints.list(caller.tenant()).stream().map(TouchpointService.TouchpointDetails::touchpoint)
                .collect(Collectors.toMap(t -> t.id(), t -> t.displayName(), (a, b) -> a));
    }

    private static String preview(StandardResponse r) {
        String text = r.bodyText() != null ? r.bodyText() : dev.postline.mail.HtmlText.of(r.bodyHtml());
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    @Nullable
    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }
}
