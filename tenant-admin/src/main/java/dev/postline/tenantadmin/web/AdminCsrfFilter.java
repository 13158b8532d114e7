package dev.postline.tenantadmin.web;

import dev.postline.core.security.SessionCookies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.csrf.filter.CsrfFilterConfiguration;
import io.micronaut.security.csrf.resolver.CsrfTokenResolver;
import io.micronaut.security.csrf.resolver.FutureCsrfTokenResolver;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Refuses every state-changing admin request without the session's CSRF token with a 403 "Form
 * expired" page, before any controller runs (ADR 0006). Micronaut does the work — its token
 * resolvers (the {@code X-CSRF-Token} header, the {@code _csrf} form field; multipart uploads through
 * {@link MultipartCsrfTokenResolver}), its validator (the {@code postline_csrf} cookie, HMAC-bound to
 * the session) and its filter settings ({@code micronaut.security.csrf.filter.methods/content-types});
 * this filter stands in for Micronaut's own CsrfFilter, which is switched off because it fails on form
 * fields behind the security filter (micronaut-security#1984) and cannot tell how a request
 * authenticated. The one exemption: a credential header authenticated the request and no session
 * cookie came with it — a browser never adds such a header on its own, so another site cannot forge
 * it; a header that authenticates nothing, or one beside the cookie, leaves the token required.
 */
@ServerFilter("/admin/**")
public class AdminCsrfFilter implements Ordered {

    private final CsrfFilterConfiguration settings;
    private final List<FutureCsrfTokenResolver<HttpRequest<?>>> resolvers;
    private final CsrfTokenValidator<HttpRequest<?>> validator;
    private final PageRenderer pages;

    public AdminCsrfFilter(CsrfFilterConfiguration settings, List<CsrfTokenResolver<HttpRequest<?>>> resolvers,
                           List<FutureCsrfTokenResolver<HttpRequest<?>>> bodyResolvers, CsrfTokenValidator<HttpRequest<?>> validator,
                           PageRenderer pages) {
        this.settings = settings;
        this.resolvers = FutureCsrfTokenResolver.of(resolvers, bodyResolvers);
        this.validator = validator;
        this.pages = pages;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public MutableHttpResponse<?> check(HttpRequest<?> request) throws Exception {
        if (!settings.getMethods().contains(request.getMethod()) || !checkedContentType(request) || authenticatedByHeaderAlone(request)) {
            return null;
        }
        for (FutureCsrfTokenResolver<HttpRequest<?>> resolver : resolvers) {
            // Blocking thread: waiting for the body (bounded by the server's request size) is fine here.
            String token = resolver.resolveToken(request).get(60, TimeUnit.SECONDS);
            if (token != null && !token.isBlank() && validator.validateCsrfToken(request, token)) {
                return null;
            }
        }
        return pages.render(HttpStatus.FORBIDDEN, "error", Map.of(
                "title", "Form expired",
                "message", "This form was not accepted: it has expired or was sent from another site. "
                        + "Go back, reload the page and try again."), request);
    }

    /** A body no browser form can send (and the admin controllers do not read) is not checked, as in Micronaut's filter. */
    private boolean checkedContentType(HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        return type == null || settings.getContentTypes().stream().anyMatch(t -> Objects.equals(t.getName(), type.getName()));
    }

    /** Authenticated, and not by the session cookie: there is none, so a bearer or API-key header did it. */
    static boolean authenticatedByHeaderAlone(HttpRequest<?> request) {
        boolean sessionCookie = request.getCookies().findCookie(SessionCookies.NAME).map(Cookie::getValue)
                .filter(v -> !v.isBlank()).isPresent();
        return !sessionCookie && request.getUserPrincipal(Authentication.class).isPresent();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after(); // the authentication is known
    }
}
