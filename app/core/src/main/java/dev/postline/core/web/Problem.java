package dev.postline.core.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An RFC 9457 problem document, the body of every error response. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type, String title, int status, String detail, @Nullable String instance, List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final MediaType MEDIA_TYPE = MediaType.of(CONTENT_TYPE);

    public static Problem of(HttpStatus status, String detail, @Nullable String instance, List<FieldError> errors) {
        return new Problem("about:blank", status.getReason(), status.getCode(), detail, instance, errors);
    }
}
