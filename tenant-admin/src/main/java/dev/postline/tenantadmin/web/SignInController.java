package dev.postline.tenantadmin.web;

import dev.postline.core.security.LoginService;
import dev.postline.core.security.SessionCookies;
import dev.postline.core.security.SessionVersions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Sign-in and sign-out of the admin pages; the session is the same cookie the login API sets. */
@Hidden
@Controller("/admin")
@Secured(SecurityRule.IS_ANONYMOUS)
public class SignInController {

    public static final String PATH = "/admin/sign-in";
    public static final String HOME = "/admin/touchpoints";
    /** Only a local admin page may be the target after sign-in (no open redirect). */
    private static final Pattern LOCAL_ADMIN_PATH = Pattern.compile("/admin/[A-Za-z0-9/_.-]*");

    private final LoginService logins;
    private final SessionCookies sessions;
    private final PageRenderer pages;
    private final SessionVersions versions;

    public SignInController(LoginService logins, SessionCookies sessions, PageRenderer pages, SessionVersions versions) {
        this.versions = versions;
        this.logins = logins;
        this.sessions = sessions;
        this.pages = pages;
    }

    @Get
    public HttpResponse<String> home() {
        return PageRenderer.seeOther(HOME);
    }

    @Get("/sign-in")
    public HttpResponse<String> form(HttpRequest<?> request, @QueryValue @Nullable String next) {
        return pages.ok("sign-in", model("", "", safeNext(next), null), request);
    }

    @Post("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> signIn(HttpRequest<?> request, @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        String tenant = form.get("tenant").strip();
        String email = form.get("email").strip();
        String next = safeNext(form.get("next"));
        java.util.Optional<io.micronaut.security.authentication.Authentication> authentication;
        try {
            authentication = tenant.isEmpty() || email.isEmpty() || form.get("password").isEmpty()
                    ? java.util.Optional.empty()
                    : logins.login(tenant, email, form.get("password"));
        } catch (LoginService.TooManyAttempts e) {
            return pages.render(HttpStatus.TOO_MANY_REQUESTS, "sign-in",
                    model(tenant, email, next, "Too many failed sign-ins for this account: " + e.getMessage().replaceFirst(".*; ", "") + "."),
                    request).header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().orElseThrow().toSeconds())));
        }
        if (authentication.isEmpty()) {
            return pages.render(HttpStatus.UNAUTHORIZED, "sign-in",
                    model(tenant, email, next, "Wrong tenant, email or password."), request);
        }
        return PageRenderer.seeOther(next).cookie(sessions.issue(authentication.get()).cookie());
    }

    /** Ends every session of the signed-in user (not only this browser's), then forgets the cookie. */
    @Post("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> signOut(HttpRequest<?> request) {
        request.getUserPrincipal(io.micronaut.security.authentication.Authentication.class).ifPresent(versions::endSessionsOf);
        return PageRenderer.seeOther(PATH).cookie(sessions.cleared());
    }

    private static Map<String, Object> model(String tenant, String email, String next, @Nullable String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sign in");
        model.put("tenant", tenant);
        model.put("email", email);
        model.put("next", next);
        if (error != null) {
            model.put("error", error);
        }
        return model;
    }

    private static String safeNext(@Nullable String next) {
        return next != null && LOCAL_ADMIN_PATH.matcher(next).matches() && !next.contains("..") ? next : HOME;
    }
}
