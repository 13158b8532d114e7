package dev.postline.core.security;

import dev.postline.core.web.ApiException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Sign-in. The token comes back in the body (for API clients and portals) and as an HttpOnly,
 * SameSite=Strict session cookie (for the admin pages); both carry the same JWT.
 */
@Controller("/api/v1/auth")
public class AuthController {

    public static final String SESSION_COOKIE = "postline_session";

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
    private final TokenGenerator tokens;
    private final Duration ttl;
    private final boolean secureCookie;

    public AuthController(LoginService logins, TokenGenerator tokens,
                          @Value("${postline.security.token-ttl:8h}") Duration ttl,
                          @Value("${postline.security.secure-cookie:true}") boolean secureCookie) {
        this.logins = logins;
        this.tokens = tokens;
        this.ttl = ttl;
        this.secureCookie = secureCookie;
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
        String token = tokens.generateToken(authentication, (int) ttl.toSeconds())
                .orElseThrow(() -> new IllegalStateException("token generation failed"));
        Cookie cookie = Cookie.of(SESSION_COOKIE, token).httpOnly(true).secure(secureCookie)
                .sameSite(SameSite.Strict).path("/").maxAge(ttl);
        return HttpResponse.ok(new LoginResponse(token, "Bearer", ttl.toSeconds())).cookie(cookie);
    }

    /** Who may call: anyone; clears the session cookie. */
    @Post("/logout")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<Void> logout() {
        return HttpResponse.<Void>noContent().cookie(Cookie.of(SESSION_COOKIE, "").path("/").maxAge(0));
    }

    /** Who may call: any authenticated caller; tells it who it is. */
    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Me me(@Authenticated Caller caller) {
        return new Me(caller.kind().name(), caller.principalId(),
                caller.tenantOrNull() == null ? null : caller.tenantOrNull().toString(), caller.roles());
    }
}
