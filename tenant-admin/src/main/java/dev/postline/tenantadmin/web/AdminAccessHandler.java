package dev.postline.tenantadmin.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Access failures on admin pages answer like a web page: not signed in → the sign-in page (and
 * back afterwards); signed in without the ADMIN role → a 403 page. The API keeps its
 * problem+json answers.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AdminAccessHandler extends DefaultAuthorizationExceptionHandler {

    private final PageRenderer pages;

    public AdminAccessHandler(ErrorResponseProcessor<?> errorResponseProcessor, RedirectConfiguration redirectConfiguration,
                              RedirectService redirectService, @Nullable PriorToLoginPersistence<?, ?> priorToLoginPersistence,
                              PageRenderer pages) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, priorToLoginPersistence);
        this.pages = pages;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        String path = request.getPath();
        if (!path.equals("/admin") && !path.startsWith("/admin/")) {
            return super.handle(request, exception);
        }
        if (!exception.isForbidden()) {
            String next = request.getMethod().name().equals("GET") ? "?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8) : "";
            return PageRenderer.seeOther(SignInController.PATH + next);
        }
        return pages.render(HttpStatus.FORBIDDEN, "error", Map.of("title", "Not allowed",
                "message", "These pages are for the administrators of a tenant. Your account does not have the ADMIN role.",
                "signOut", true), request);
    }
}
