package dev.postline.core.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Renders every error the framework produces (malformed JSON, unknown fields, wrong types,
 * oversized bodies, unknown routes, missing authentication) as {@code application/problem+json}
 * with a detail a client developer can act on. Exception texts are not echoed unless they are
 * the framework's own validation messages, so internals do not leak.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    @NonNull
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext context, @NonNull MutableHttpResponse<?> response) {
        HttpStatus status = RequestLimits.statusFor(context.getRequest(), response.getStatus());
        response.status(status);
        if (RequestLimits.closeAfter(status)) {
            response.header(HttpHeaders.CONNECTION, "close");
        }
        // Only errors that point at a field are listed; the rest are already the detail.
        List<FieldError> errors = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new FieldError(e.getPath().get(), clean(e.getMessage())))
                .toList();
        String detail = detail(status, context);
        return response.contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(status, detail, context.getRequest().getPath(), status.getCode() < 500 ? errors : List.of()));
    }

    private static String detail(HttpStatus status, ErrorContext context) {
        if (status.getCode() >= 500) {
            return "an internal error occurred; it has been logged";
        }
        return switch (status) {
            case NOT_FOUND -> "no such resource";
            case UNAUTHORIZED -> "authentication required: send a bearer token, a session cookie or an X-Api-Key header";
            case FORBIDDEN -> "your role does not allow this request";
            case REQUEST_ENTITY_TOO_LARGE -> "the request body is larger than this endpoint accepts";
            case REQUEST_URI_TOO_LONG -> "the request line is too long: shorten the path and query string";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "the request headers are too large: send fewer or shorter header fields";
            case UNSUPPORTED_MEDIA_TYPE -> "send the body as application/json";
            case METHOD_NOT_ALLOWED -> "this method is not allowed on this resource";
            default -> context.getErrors().stream().map(Error::getMessage).findFirst()
                    .map(ProblemErrorResponseProcessor::clean)
                    .orElse(status.getReason());
        };
    }

    /** Framework messages can be long and mention Java types; keep them short and readable. */
    private static String clean(String message) {
        String oneLine = message.replaceAll("\\s+", " ").replaceAll(" ?at \\[Source: [^\\]]*;", " at").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
