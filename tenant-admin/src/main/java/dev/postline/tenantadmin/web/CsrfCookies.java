package dev.postline.tenantadmin.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.generator.CsrfTokenGenerator;
import io.micronaut.security.csrf.repository.CsrfTokenRepository;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Gives a browser the CSRF cookie its forms need (ADR 0006). Micronaut issues that cookie only from
 * its own login handler, which Postline does not use, and its views decorator only reads the cookie
 * the request brought: the sign-in form, the first page after signing in and a page whose cookie
 * belongs to an ended session would carry no valid token. So every rendered page whose browser has
 * no cookie valid for its current session gets a new token from Micronaut's generator: set as the
 * cookie and, through {@link Minted}, put into the page's forms by the views decorator.
 */
@Singleton
public class CsrfCookies {

    /** Request attribute: the token minted for this request. */
    static final String MINTED = "postline.csrf.minted";

    private final CsrfConfiguration configuration;
    private final CsrfTokenGenerator<HttpRequest<?>> generator;
    private final CsrfTokenValidator<HttpRequest<?>> validator;

    public CsrfCookies(CsrfConfiguration configuration, CsrfTokenGenerator<HttpRequest<?>> generator,
                       CsrfTokenValidator<HttpRequest<?>> validator) {
        this.configuration = configuration;
        this.generator = generator;
        this.validator = validator;
    }

    /** The cookie to set with this page, when the browser's is missing or bound to another session. */
    public Optional<Cookie> issueIfNeeded(HttpRequest<?> request) {
        if (request.getAttribute(MINTED).isEmpty()) {
            Optional<String> current = request.getCookies().findCookie(configuration.getCookieName()).map(Cookie::getValue);
            if (current.isPresent() && validator.validateCsrfToken(request, current.get())) {
                return Optional.empty();
            }
            request.setAttribute(MINTED, generator.generateCsrfToken(request));
        }
        Cookie cookie = Cookie.of(configuration.getCookieName(), request.getAttribute(MINTED, String.class).orElseThrow());
        cookie.configure(configuration, request.isSecure());
        return Optional.of(cookie);
    }

    /** The token minted for this request, ahead of the browser's stale or missing cookie. */
    @Singleton
    static class Minted implements CsrfTokenRepository<HttpRequest<?>> {

        @Override
        public Optional<String> findCsrfToken(@Nullable HttpRequest<?> request) {
            return request == null ? Optional.empty() : request.getAttribute(MINTED, String.class);
        }

        @Override
        public int getOrder() {
            return HIGHEST_PRECEDENCE;
        }
    }
}
