package dev.postline.core.web;

import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A failure the caller can act on. Its message is the problem's {@code detail} and goes back to
 * the client verbatim, so it must never contain a secret or another tenant's data.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;
    private java.time.Duration retryAfter;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Asks the client to wait before trying again ({@code Retry-After}, whole seconds, at least 1). */
    public ApiException retryAfter(java.time.Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }

    /** A 404 that reads the same whether the thing does not exist or belongs to another tenant. */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static ApiException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : "the request has " + errors.size() + " invalid fields";
        return new ApiException(HttpStatus.BAD_REQUEST, detail, errors);
    }
}
