package dev.postline.core.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads the JWT from the session cookie set at login, for the admin pages. Micronaut's own cookie
 * reader only runs in its cookie "authentication mode", which also turns on login redirects we do
 * not want for an API; this reader adds the cookie beside the bearer header and nothing else.
 */
@Singleton
public class SessionCookieTokenReader implements TokenReader<HttpRequest<?>> {

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return request.getCookies().findCookie(AuthController.SESSION_COOKIE).map(Cookie::getValue).filter(v -> !v.isBlank());
    }

    @Override
    public int getOrder() {
        // After the Authorization header: an explicit bearer token wins over an ambient cookie.
        return 100;
    }
}
