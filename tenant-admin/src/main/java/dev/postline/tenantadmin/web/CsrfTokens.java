package dev.postline.tenantadmin.web;

import dev.postline.core.security.SessionCookies;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The admin pages' CSRF token. A browser gets a random {@code postline_csrf} cookie (HttpOnly,
 * SameSite=Strict) on its first admin page; every form carries HMAC(key, that cookie + the session
 * cookie). Bound to the session, the token changes at sign-in and sign-out, a token seen by one
 * user is worthless in another's browser, and no server state is needed (every node derives the
 * key from the shared JWT secret).
 */
@Singleton
public class CsrfTokens {

    public static final String COOKIE = "postline_csrf";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    /** Request attribute: the browser cookie value minted for this request when the browser had none. */
    static final String MINTED = "postline.csrf.minted";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final boolean secureCookie;

    public CsrfTokens(@Value("${postline.security.jwt-secret}") String serverSecret, SessionCookies sessions) {
        this.key = hmac(serverSecret.getBytes(StandardCharsets.UTF_8), "postline-admin-csrf-v1");
        this.secureCookie = sessions.secure();
    }

    /** The token forms of this request's page must carry. */
    public String tokenFor(HttpRequest<?> request) {
        return token(browserValue(request).orElseGet(() -> mint(request)), sessionValue(request));
    }

    /** Whether {@code presented} is the token of this request's browser and session. */
    public boolean matches(HttpRequest<?> request, @Nullable String presented) {
        Optional<String> browser = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(v -> !v.isBlank());
        if (presented == null || browser.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(token(browser.get(), sessionValue(request)).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cookie to set when this request minted a browser value. */
    public Optional<Cookie> mintedCookie(HttpRequest<?> request) {
        return request.getAttribute(MINTED, String.class).map(value -> Cookie.of(COOKIE, value).httpOnly(true)
                .secure(secureCookie).sameSite(SameSite.Strict).path("/admin").maxAge(Duration.ofDays(1)));
    }

    private Optional<String> browserValue(HttpRequest<?> request) {
        Optional<String> minted = request.getAttribute(MINTED, String.class);
        if (minted.isPresent()) {
            return minted;
        }
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(v -> !v.isBlank());
    }

    private static String mint(HttpRequest<?> request) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        request.setAttribute(MINTED, value);
        return value;
    }

    private static String sessionValue(HttpRequest<?> request) {
        return request.getCookies().findCookie(SessionCookies.NAME).map(Cookie::getValue).orElse("");
    }

    private String token(String browser, String session) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, browser + "|" + session));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
