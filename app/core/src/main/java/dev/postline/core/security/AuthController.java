package dev.postline.core.security;

import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Set;
import java.util.UUID;

/**
 * Sign-in. The token comes back in the body (for API clients and portals) and as an HttpOnly,
 * SameSite=Strict session cookie (for the admin pages); both carry the same JWT.
 */
@Controller("/api/v1/auth")
public class AuthController {

    public static final String SESSION_COOKIE = SessionCookies.NAME;

    @Serdeable
    public record LoginRequest(@Nullable String tenant, String email, String password) {
        @Override
        public String toString() {
            return "LoginRequest[tenant=" + tenant + ", email=" + email + ", password=<redacted>]";
        }
    }

    @Serdeable
    public record LoginResponse(String accessToken, String tokenType, long expiresIn) {}

    @Serdeable
    public record Me(String kind, UUID id, @Nullable String tenantId, Set<String> roles) {}

    private final LoginService logins;
    private final SessionCookies sessions;
    private final SessionVersions versions;

    public AuthController(LoginService logins, SessionCookies sessions, SessionVersions versions) {
        this.logins = logins;
        this.sessions = sessions;
        this.versions = versions;
    }

    /** Who may call: anyone. Wrong tenant, email or password all give the same 401. */
    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<LoginResponse> login(@Body LoginRequest request) {
        if (request.email() == null || request.password() == null) {
            throw ApiException.invalid("email", "email and password are required");
        }
        var authentication = logins.login(request.tenant(), request.email(), request.password())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "wrong tenant, email or password"));
        SessionCookies.Session session = sessions.issue(authentication);
        return HttpResponse.ok(new LoginResponse(session.token(), "Bearer", session.ttl().toSeconds())).cookie(session.cookie());
    }

    /**
     * Who may call: anyone; clears the session cookie. A signed-in caller's sessions all end: every
     * token issued to them so far — on any device — is refused from now on.
     */
    @Post("/logout")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<Void> logout(HttpRequest<?> request) {
        request.getUserPrincipal(Authentication.class).ifPresent(versions::endSessionsOf);
        return HttpResponse.<Void>noContent().cookie(sessions.cleared());
    }

    /** Who may call: any authenticated caller; tells it who it is. */
    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Me me(@Authenticated Caller caller) {
        return new Me(caller.kind().name(), caller.principalId(),
                caller.tenantOrNull() == null ? null : caller.tenantOrNull().toString(), caller.roles());
    }
}
