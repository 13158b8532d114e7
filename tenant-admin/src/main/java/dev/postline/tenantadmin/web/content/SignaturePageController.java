package dev.postline.tenantadmin.web.content;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.branding.BrandingHtml;
import dev.postline.core.branding.BrandingImage;
import dev.postline.core.branding.BrandingImageService;
import dev.postline.core.branding.SignatureService;
import dev.postline.core.branding.TemplateVariables;
import dev.postline.core.branding.EmailTemplateService;
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
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * A touchpoint's signature editor: rich text (a plain HTML textarea without JavaScript), variables
 * palette, inline images uploaded here (JPG/GIF/PNG/BMP ≤ 50 KB) or shown by https URL, active
 * toggle, and a preview rendered by the server into a sandboxed frame. Nothing is saved by a
 * preview or an upload; the draft travels with the form.
 */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}/signature")
@Secured(Roles.ADMIN)
public class SignaturePageController {

    /** An uploaded image as listed on the page; {@code url} shows it in the editor (mail uses cid:). */
    public record ImageRow(UUID id, String contentId, String fileName, String size, String url) {
        static ImageRow of(UUID touchpointId, BrandingImage i) {
            return new ImageRow(i.id(), i.contentId(), i.fileName(), (i.sizeBytes() + 1023) / 1024 + " KB",
                    base(touchpointId) + "/images/" + i.id());
        }
    }

    private final SignatureService signatures;
    private final BrandingImageService images;
    private final EmailTemplateService templates;
    private final BrandingPreview preview;
    private final BlobStore blobs;
    private final TouchpointService touchpoints;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public SignaturePageController(SignatureService signatures, BrandingImageService images, EmailTemplateService templates,
                                   BrandingPreview preview, BlobStore blobs, TouchpointService touchpoints, AdminFrame frame,
                                   PageRenderer pages, ErrorPages errors) {
        this.signatures = signatures;
        this.images = images;
        this.templates = templates;
        this.preview = preview;
        this.blobs = blobs;
        this.touchpoints = touchpoints;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> show(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @QueryValue @Nullable String done) {
        var saved = signatures.get(caller.tenant(), touchpointId);
        String notice = "saved".equals(done) ? "The signature was saved." : "deleted".equals(done) ? "The image was deleted." : null;
        return page(request, caller, touchpointId, HttpStatus.OK, saved.html(), saved.active(), Map.of(), notice);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> save(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        boolean active = "true".equals(form.get("active"));
        try {
            signatures.update(caller.tenant(), touchpointId, new SignatureService.SignatureUpdate(form.get("html"), active));
        } catch (ApiException e) {
            if (!Problems.aboutInput(e)) {
                throw e;
            }
            return page(request, caller, touchpointId, e.status(), form.get("html"), active, Problems.of(e, "html"), null);
        }
        return PageRenderer.seeOther(base(touchpointId) + "?done=saved");
    }

    /** The preview of the saved signature (the frame's first content). */
    @Get("/preview")
    public HttpResponse<String> previewSaved(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return previewOf(caller, touchpointId, signatures.get(caller.tenant(), touchpointId).html());
    }

    /** The preview of the draft in the form (the Preview button posts the form into the frame). */
    @Post("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> previewDraft(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                             @Body Map<String, Object> fields) {
        return previewOf(caller, touchpointId, Form.of(fields).get("html"));
    }

    /** Multipart: {@code file} and the editor's current {@code html}, which comes back with the image added at its end. */
    @Post("/images")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<String> upload(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                       @Part("file") @Nullable CompletedFileUpload file, @Part("html") @Nullable String html,
                                       @Part("active") @Nullable String active) throws IOException {
        String draft = html == null ? "" : html;
        boolean isActive = "true".equals(active);
        BrandingImage image;
        try {
            image = images.upload(caller.tenant(), touchpointId, file == null ? null : file.getFilename(),
                    file == null ? null : file.getContentType().map(MediaType::toString).orElse(null),
                    file == null || file.getSize() == 0 ? null : file.getBytes());
        } catch (ApiException e) {
            if (!Problems.aboutInput(e)) {
                throw e;
            }
            return page(request, caller, touchpointId, e.status(), draft, isActive, Map.of("file", Problems.of(e, "file")
                    .values().iterator().next()), null);
        }
        String withImage = draft + "<p><img src=\"cid:" + TemplateVariables.escapeHtml(image.contentId()) + "\" alt=\""
                + TemplateVariables.escapeHtml(image.fileName()) + "\"></p>";
        return page(request, caller, touchpointId, HttpStatus.OK, withImage, isActive, Map.of(),
                "The image was uploaded and added at the end of the signature. Save to keep it there.");
    }

    /** An uploaded image's bytes, so the editor can show it (outbound mail refers to it as cid:). */
    @Get("/images/{imageId}")
    public HttpResponse<byte[]> image(@Authenticated Caller caller, @PathVariable UUID touchpointId, @PathVariable UUID imageId) {
        BrandingImage image = images.list(caller.tenant(), touchpointId).stream().filter(i -> i.id().equals(imageId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("image"));
        return HttpResponse.ok(blobs.get(caller.tenant(), image.blobKey())).contentType(image.contentType())
                .header("Cache-Control", "private, max-age=300");
    }

    @Post("/images/{imageId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> deleteImage(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                            @PathVariable UUID imageId) {
        try {
            images.delete(caller.tenant(), touchpointId, imageId);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            var saved = signatures.get(caller.tenant(), touchpointId);
            return page(request, caller, touchpointId, e.status(), saved.html(), saved.active(), Map.of("images", e.getMessage()), null);
        }
        return PageRenderer.seeOther(base(touchpointId) + "?done=deleted");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> previewOf(Caller caller, UUID touchpointId, String draft) {
        try {
            InputCheck in = InputCheck.start();
            var cids = images.list(caller.tenant(), touchpointId).stream().map(BrandingImage::contentId).collect(java.util.stream.Collectors.toSet());
            String clean = BrandingHtml.clean(in, "html", draft, cids);
            in.orThrow();
            var template = templates.get(caller.tenant(), touchpointId);
            return PreviewDocument.of(preview.html(caller, touchpointId, new BrandingPreview.Parts(template.headerHtml(),
                    BrandingPreview.SAMPLE_BODY, true, clean, template.footerHtml())));
        } catch (ApiException e) {
            if (!Problems.aboutInput(e)) {
                throw e;
            }
            return PreviewDocument.refused(e);
        }
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, UUID touchpointId, HttpStatus status, String html,
                                      boolean active, Map<String, String> problems, @Nullable String notice) {
        var touchpoint = touchpoints.get(caller.tenant(), touchpointId).touchpoint();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Signature · " + touchpoint.displayName());
        model.put("touchpointId", touchpointId);
        model.put("touchpointName", touchpoint.displayName());
        model.put("html", html == null ? "" : html);
        model.put("active", active);
        model.put("images", images.list(caller.tenant(), touchpointId).stream().map(i -> ImageRow.of(touchpointId, i)).toList());
        model.put("variables", TemplateVariables.NAMES);
        model.put("maxImageKb", BrandingImageService.MAX_BYTES / 1024);
        model.put("problems", problems);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "signature", model, request);
    }

    static String base(UUID touchpointId) {
        return "/admin/touchpoints/" + touchpointId + "/signature";
    }
}
