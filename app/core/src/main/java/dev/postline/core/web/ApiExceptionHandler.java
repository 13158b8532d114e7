package dev.postline.core.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
@Requires(classes = {ApiException.class, ExceptionHandler.class})
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ApiException e) {
        var response = HttpResponse.<Problem>status(e.status())
                .contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(e.status(), e.getMessage(), request.getPath(), e.errors()));
        e.retryAfter().ifPresent(wait -> response.header("Retry-After", String.valueOf(Math.max(1, wait.toSeconds()
                + (wait.toMillisPart() > 0 ? 1 : 0)))));
        return response;
    }
}
