package dev.postline.tenantadmin.api;

import dev.postline.core.branding.BrandingImage;
import dev.postline.core.branding.BrandingImageService;
import dev.postline.core.branding.SignatureService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A touchpoint's signature and the inline images its signature and template show. Who may call:
 * admins change; supervisors read.
 */
@Controller("/api/v1/touchpoints/{touchpointId}/signature")
public class SignatureController {

    /** An uploaded image; the HTML shows it as {@code <img src="cid:CONTENT_ID">}. */
    @Serdeable
    public record ImageView(UUID id, String contentId, String src, String fileName, String contentType, int size, Instant createdAt) {
        static ImageView of(BrandingImage i) {
            return new ImageView(i.id(), i.contentId(), "cid:" + i.contentId(), i.fileName(), i.contentType(), i.sizeBytes(),
                    i.createdAt());
        }
    }

    private final SignatureService signatures;
    private final BrandingImageService images;

    public SignatureController(SignatureService signatures, BrandingImageService images) {
        this.signatures = signatures;
        this.images = images;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public SignatureService.Signature get(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return signatures.get(caller.tenant(), touchpointId);
    }

    /** Saves the HTML (sanitised, variables and cid: images checked) and/or the active flag. */
    @Put
    @Secured(Roles.ADMIN)
    public SignatureService.Signature update(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                             @Body SignatureService.SignatureUpdate update) {
        return signatures.update(caller.tenant(), touchpointId, update);
    }

    @Get("/images")
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public List<ImageView> images(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return images.list(caller.tenant(), touchpointId).stream().map(ImageView::of).toList();
    }

    /** Multipart part {@code file}: a JPG, GIF, PNG or BMP of at most 50 KB, sent with its own content type. */
    @Post(value = "/images", consumes = MediaType.MULTIPART_FORM_DATA)
    @Secured(Roles.ADMIN)
    public HttpResponse<ImageView> upload(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                          @Nullable CompletedFileUpload file) {
        try {
            BrandingImage image = images.upload(caller.tenant(), touchpointId, file == null ? null : file.getFilename(),
                    file == null ? null : file.getContentType().map(MediaType::toString).orElse(null),
                    file == null ? null : file.getBytes());
            return HttpResponse.created(ImageView.of(image));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e);
        }
    }

    @Delete("/images/{imageId}")
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> deleteImage(@Authenticated Caller caller, @PathVariable UUID touchpointId, @PathVariable UUID imageId) {
        images.delete(caller.tenant(), touchpointId, imageId);
        return HttpResponse.noContent();
    }
}
