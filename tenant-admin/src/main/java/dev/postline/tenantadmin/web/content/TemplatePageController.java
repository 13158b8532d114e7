package dev.postline.tenantadmin.web.content;

import dev.postline.core.branding.BrandingHtml;
import dev.postline.core.branding.BrandingImage;
import dev.postline.core.branding.BrandingImageService;
import dev.postline.core.branding.EmailTemplateService;
import dev.postline.core.branding.SignatureService;
import dev.postline.core.branding.TemplateVariables;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
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
 * A touchpoint's email template: header and footer HTML around every message (same editor as the
 * signature, images from the signature page's uploads), with a preview of a sample reply.
 */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}/template")
@Secured(Roles.ADMIN)
public class TemplatePageController {

    private final EmailTemplateService templates;
    private final SignatureService signatures;
    private final BrandingImageService images;
    private final BrandingPreview preview;
    private final TouchpointService touchpoints;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public TemplatePageController(EmailTemplateService templates, SignatureService signatures, BrandingImageService images,
                                  BrandingPreview preview, TouchpointService touchpoints, AdminFrame frame, PageRenderer pages,
                                  ErrorPages errors) {
        this.templates = templates;
        this.signatures = signatures;
        this.images = images;
        this.preview = preview;
        this.touchpoints = touchpoints;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> show(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @QueryValue @Nullable String done) {
        var saved = templates.get(caller.tenant(), touchpointId);
        return page(request, caller, touchpointId, HttpStatus.OK, saved.headerHtml(), saved.footerHtml(), Map.of(),
                "saved".equals(done) ? "The template was saved." : null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> save(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        try {
            templates.update(caller.tenant(), touchpointId,
                    new EmailTemplateService.TemplateUpdate(form.get("headerHtml"), form.get("footerHtml")));
        } catch (ApiException e) {
            if (!Problems.aboutInput(e)) {
                throw e;
            }
            return page(request, caller, touchpointId, e.status(), form.get("headerHtml"), form.get("footerHtml"),
                    Problems.of(e, "headerHtml"), null);
        }
        return PageRenderer.seeOther("/admin/touchpoints/" + touchpointId + "/template?done=saved");
    }

    @Get("/preview")
    public HttpResponse<String> previewSaved(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        var saved = templates.get(caller.tenant(), touchpointId);
        return previewOf(caller, touchpointId, saved.headerHtml(), saved.footerHtml());
    }

    @Post("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> previewDraft(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                             @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        return previewOf(caller, touchpointId, form.get("headerHtml"), form.get("footerHtml"));
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> previewOf(Caller caller, UUID touchpointId, String header, String footer) {
        try {
            var cids = images.list(caller.tenant(), touchpointId).stream().map(BrandingImage::contentId).collect(Collectors.toSet());
            InputCheck in = InputCheck.start();
            String cleanHeader = BrandingHtml.clean(in, "headerHtml", header, cids);
            String cleanFooter = BrandingHtml.clean(in, "footerHtml", footer, cids);
            in.orThrow();
            var signature = signatures.get(caller.tenant(), touchpointId);
            return PreviewDocument.of(preview.html(caller, touchpointId, new BrandingPreview.Parts(cleanHeader,
                    BrandingPreview.SAMPLE_BODY, true, signature.active() ? signature.html() : "", cleanFooter)));
        } catch (ApiException e) {
            if (!Problems.aboutInput(e)) {
                throw e;
            }
            return PreviewDocument.refused(e);
        }
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, UUID touchpointId, HttpStatus status, String header,
                                      String footer, Map<String, String> problems, @Nullable String notice) {
        var touchpoint = touchpoints.get(caller.tenant(), touchpointId).touchpoint();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Email template · " + touchpoint.displayName());
        model.put("touchpointId", touchpointId);
        model.put("touchpointName", touchpoint.displayName());
        model.put("headerHtml", header);
        model.put("footerHtml", footer);
        model.put("variables", TemplateVariables.NAMES);
        model.put("images", images.list(caller.tenant(), touchpointId).stream()
                .map(i -> SignaturePageController.ImageRow.of(touchpointId, i)).toList());
        model.put("problems", problems);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "template", model, request);
    }
}
