package dev.postline.core.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Issues the signed session token and the {@code postline_session} cookie that carries it, for
 * the login API and the admin sign-in page alike (HttpOnly, SameSite=Strict, Secure unless
 * configured off for plain-HTTP development).
 */
@Singleton
public class SessionCookies {

    public static final String NAME = "postline_session";

    /** A signed-in session: the token (for API clients) and the cookie (for pages). */
    public record Session(String token, Cookie cookie, Duration ttl) {}

    private final TokenGenerator tokens;
    private final Duration ttl;
    private final boolean secure;

    public SessionCookies(TokenGenerator tokens,
                          @Value("${postline.security.token-ttl:8h}") Duration ttl,
                          @Value("${postline.security.secure-cookie:true}") boolean secure) {
        this.tokens = tokens;
        this.ttl = ttl;
        this.secure = secure;
    }

    public Session issue(Authentication authentication) {
        String token = tokens.generateToken(authentication, (int) ttl.toSeconds())
                .orElseThrow(() -> new IllegalStateException("token generation failed"));
        Cookie cookie = Cookie.of(NAME, token).httpOnly(true).secure(secure).sameSite(SameSite.Strict).path("/").maxAge(ttl);
        return new Session(token, cookie, ttl);
    }

    /** A cookie that makes the browser forget the session. */
    public Cookie cleared() {
        return Cookie.of(NAME, "").httpOnly(true).secure(secure).sameSite(SameSite.Strict).path("/").maxAge(0);
    }

    /** Whether cookies are marked Secure (HTTPS only); other cookies of the pages follow the same rule. */
    public boolean secure() {
        return secure;
    }
}
