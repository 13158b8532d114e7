package dev.postline.tenantadmin.web.consent;

import dev.postline.core.security.AuthController;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.util.Optional;

/**
 * The token that authenticated a request, read in the order the security layer reads it (an
 * explicit bearer header, then the session cookie). A consent's state is bound to a hash of it, so
 * only the session that started a consent can finish it.
 */
final class SessionToken {

    private SessionToken() {}

    static Optional<String> of(HttpRequest<?> request) {
        Optional<String> bearer = request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty());
        if (bearer.isPresent()) {
            return bearer;
        }
        return request.getCookies().findCookie(AuthController.SESSION_COOKIE).map(Cookie::getValue).filter(v -> !v.isBlank());
    }
}
