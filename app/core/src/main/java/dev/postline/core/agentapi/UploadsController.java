package dev.postline.core.agentapi;

import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.upload.Upload;
import dev.postline.core.upload.UploadService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * Files to attach to outbound mail, uploaded first (multipart/form-data, part {@code file}). Who may
 * call: every role and API keys; an upload is visible and usable only by whoever uploaded it.
 */
@Controller("/api/v1/uploads")
@Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
public class UploadsController {

    @Serdeable
    public record UploadView(UUID id, String fileName, String contentType, long size, Instant createdAt) {
        static UploadView of(Upload u) {
            return new UploadView(u.id(), u.fileName(), u.contentType(), u.size(), u.createdAt());
        }
    }

    private final UploadService uploads;

    public UploadsController(UploadService uploads) {
        this.uploads = uploads;
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<UploadView> upload(@Authenticated Caller caller, CompletedFileUpload file) {
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String declared = file.getContentType().map(MediaType::toString).orElse(null);
        return HttpResponse.created(UploadView.of(uploads.store(caller.tenant(), caller.principalId(), file.getFilename(), declared, content)));
    }

    @Get("/{uploadId}")
    public UploadView get(@Authenticated Caller caller, @PathVariable UUID uploadId) {
        return UploadView.of(uploads.get(caller.tenant(), caller.principalId(), uploadId));
    }

    @Delete("/{uploadId}")
    public HttpResponse<Void> delete(@Authenticated Caller caller, @PathVariable UUID uploadId) {
        uploads.delete(caller.tenant(), caller.principalId(), uploadId);
        return HttpResponse.noContent();
    }
}
