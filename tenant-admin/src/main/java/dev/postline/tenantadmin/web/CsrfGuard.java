package dev.postline.tenantadmin.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Set;

/**
 * Rejects every state-changing request to the admin pages that does not carry the session's CSRF
 * token (form field {@code _csrf}, also inside multipart uploads, or header {@code X-CSRF-Token})
 * with a 403 page, before any controller runs. Requests authenticated by an
 * {@code Authorization} or {@code X-Api-Key} header are exempt: a browser never adds those on its
 * own, so another site cannot forge them.
 */
@ServerFilter("/admin/**")
public class CsrfGuard implements Ordered {

    private static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final CsrfTokens tokens;
    private final PageRenderer pages;

    public CsrfGuard(CsrfTokens tokens, PageRenderer pages) {
        this.tokens = tokens;
        this.pages = pages;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public MutableHttpResponse<?> check(HttpRequest<?> request) throws Exception {
        if (!UNSAFE.contains(request.getMethod()) || hasExplicitCredentials(request)) {
            return null;
        }
        String header = request.getHeaders().get(CsrfTokens.HEADER);
        if (header != null || !(request instanceof ServerHttpRequest<?> server)) {
            return verdict(request, header);
        }
        // Reads a copy of the body (bounded by the server's max request size); the controller binds the original.
        try (var copy = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST).buffer().get(60, TimeUnit.SECONDS)) {
            String body = copy.toString(StandardCharsets.ISO_8859_1);
            return verdict(request, FormFields.find(request.getContentType().orElse(null), body, CsrfTokens.FIELD));
        }
    }

    @Nullable
    private MutableHttpResponse<?> verdict(HttpRequest<?> request, @Nullable String presented) {
        if (tokens.matches(request, presented)) {
            return null;
        }
        return (pages.render(HttpStatus.FORBIDDEN, "error", Map.of(
                "title", "Form expired",
                "message", "This form was not accepted: it has expired or was sent from another site. "
                        + "Go back, reload the page and try again."), request));
    }

    @ResponseFilter
    public void setBrowserCookie(HttpRequest<?> request, MutableHttpResponse<?> response) {
        tokens.mintedCookie(request).ifPresent(response::cookie);
    }

    private static boolean hasExplicitCredentials(HttpRequest<?> request) {
        return request.getHeaders().contains(HttpHeaders.AUTHORIZATION) || request.getHeaders().contains("X-Api-Key");
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
