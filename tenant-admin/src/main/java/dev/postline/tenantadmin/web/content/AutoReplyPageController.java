package dev.postline.tenantadmin.web.content;

import dev.postline.core.autoreply.AutoReply;
import dev.postline.core.autoreply.AutoReplyService;
import dev.postline.core.branding.EmailTemplateService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.web.ApiException;
import dev.postline.core.branding.BrandingHtml;
import dev.postline.core.branding.TemplateVariables;
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
 * A touchpoint's auto-reply: subject, rich-text body (same editor as the signature), optional
 * plain-text body, active toggle, one for every new conversation or at most one per sender per N hours, and a preview with the
 * template's header and footer (an auto-reply carries no signature).
 */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}/auto-reply")
@Secured(Roles.ADMIN)
public class AutoReplyPageController {

    /** How often one sender may get the auto-reply: the radio choice on the page. */
    static final String EVERY_CONVERSATION = "conversation";
    static final String PER_SENDER = "sender";

    /** The form's values, saved or as sent back. {@code limit} is {@link #EVERY_CONVERSATION} or {@link #PER_SENDER}. */
    public record Draft(String subject, String html, String text, boolean active, String limit, String perSenderHours) {
        static Draft of(AutoReply a) {
            boolean every = a.perSenderHours() == AutoReplyService.EVERY_NEW_CONVERSATION;
            return new Draft(a.subject(), a.htmlBody() == null ? "" : a.htmlBody(), a.textBody() == null ? "" : a.textBody(),
                    a.active(), every ? EVERY_CONVERSATION : PER_SENDER, every ? "" : Integer.toString(a.perSenderHours()));
        }

        static Draft of(Form form) {
            // A form without the choice (an older page) keeps meaning "per sender".
            return new Draft(form.get("subject"), form.get("html"), form.get("text"), "true".equals(form.get("active")),
                    EVERY_CONVERSATION.equals(form.get("limit")) ? EVERY_CONVERSATION : PER_SENDER, form.get("perSenderHours"));
        }

        public boolean everyConversation() {
            return EVERY_CONVERSATION.equals(limit);
        }
    }

    private final AutoReplyService autoReplies;
    private final EmailTemplateService templates;
    private final BrandingPreview preview;
    private final TouchpointService touchpoints;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public AutoReplyPageController(AutoReplyService autoReplies, EmailTemplateService templates, BrandingPreview preview,
                                   TouchpointService touchpoints, AdminFrame frame, PageRenderer pages, ErrorPages errors) {
        this.autoReplies = autoReplies;
        this.templates = templates;
        this.preview = preview;
        this.touchpoints = touchpoints;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> show(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @QueryValue @Nullable String done) {
        return page(request, caller, touchpointId, HttpStatus.OK, Draft.of(autoReplies.get(caller.tenant(), touchpointId)), Map.of(),
                "saved".equals(done) ? "The auto-reply was saved." : null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> save(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @Body Map<String, Object> fields) {
        Draft draft = Draft.of(Form.of(fields));
        Integer hours = draft.everyConversation() ? Integer.valueOf(AutoReplyService.EVERY_NEW_CONVERSATION) : hours(draft.perSenderHours());
        if (hours == null || !draft.everyConversation() && hours < 1) {
            return page(request, caller, touchpointId, HttpStatus.BAD_REQUEST, draft,
                    Map.of("perSenderHours", "Enter a whole number of hours from 1 to 720, or choose “once for every new conversation”."),
                    null);
        }
        try {
            autoReplies.put(caller.tenant(), touchpointId, new AutoReplyService.AutoReplyInput(draft.subject(), draft.html(),
                    draft.text(), draft.active(), hours));
        } catch (ApiException e) {
            if (!Problems.aboutInput(e)) {
                throw e;
            }
            return page(request, caller, touchpointId, e.status(), draft, Problems.of(e, "html"), null);
        }
        return PageRenderer.seeOther("/admin/touchpoints/" + touchpointId + "/auto-reply?done=saved");
    }

    @Get("/preview")
    public HttpResponse<String> previewSaved(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return previewOf(caller, touchpointId, Draft.of(autoReplies.get(caller.tenant(), touchpointId)));
    }

    @Post("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> previewDraft(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                             @Body Map<String, Object> fields) {
        return previewOf(caller, touchpointId, Draft.of(Form.of(fields)));
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    /** Sanitised as the service saves it, variables filled with sample values; a text-only auto-reply shows as its paragraphs. */
    private HttpResponse<String> previewOf(Caller caller, UUID touchpointId, Draft draft) {
        String body = !draft.html().isBlank() ? BrandingHtml.sanitize(draft.html())
                : !draft.text().isBlank() ? "<p>" + BrandingHtml.textToHtml(draft.text()) + "</p>" : "<p><em>(no body yet)</em></p>";
        var template = templates.get(caller.tenant(), touchpointId);
        return PreviewDocument.of(preview.html(caller, touchpointId,
                new BrandingPreview.Parts(template.headerHtml(), body, true, "", template.footerHtml())));
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, UUID touchpointId, HttpStatus status, Draft draft,
                                      Map<String, String> problems, @Nullable String notice) {
        var touchpoint = touchpoints.get(caller.tenant(), touchpointId).touchpoint();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Auto-reply · " + touchpoint.displayName());
        model.put("touchpointId", touchpointId);
        model.put("touchpointName", touchpoint.displayName());
        model.put("draft", draft);
        model.put("variables", TemplateVariables.NAMES);
        model.put("problems", problems);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "auto-reply", model, request);
    }

    @Nullable
    private static Integer hours(String value) {
        try {
            return value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
