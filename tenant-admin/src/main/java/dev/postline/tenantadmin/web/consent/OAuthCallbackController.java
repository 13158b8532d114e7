package dev.postline.tenantadmin.web.consent;

import dev.postline.core.consent.ConsentFlow;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.web.ApiException;
import dev.postline.tenantadmin.web.PageRenderer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Where the providers send the admin's browser back: one callback per provider (the redirect URIs
 * registered with each app). The caller must be the admin whose session started the consent. The
 * browser gets the touchpoint page (303) or, when it asked for JSON, the result as JSON; refusals are
 * a page or problem+json saying what happened and that nothing changed.
 *
 * <p>The session cookie is {@code SameSite=Strict}, so a browser arriving straight from the
 * provider's site does not send it. A request without a session therefore gets a page that reloads
 * the same URL from this site once ({@code resumed=1}), which does carry the cookie.
 */
@Hidden
@Controller("/oauth/callback")
@Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
@Secured(SecurityRule.IS_ANONYMOUS)
public class OAuthCallbackController {

    @Serdeable
    public record ConsentResult(UUID touchpointId, String mailbox, String connectionState) {}

    private final ConsentFlow consent;
    private final PageRenderer pages;

    public OAuthCallbackController(ConsentFlow consent, PageRenderer pages) {
        this.consent = consent;
        this.pages = pages;
    }

    @Get("/google")
    public HttpResponse<?> google(HttpRequest<?> request, @Nullable Caller caller, @Nullable @QueryValue String code,
                                  @Nullable @QueryValue String state, @Nullable @QueryValue String error,
                                  @Nullable @QueryValue String resumed) {
        return complete(request, caller, OAuthProvider.GOOGLE, new ConsentFlow.Callback(code, state, error), resumed != null);
    }

    @Get("/microsoft")
    public HttpResponse<?> microsoft(HttpRequest<?> request, @Nullable Caller caller, @Nullable @QueryValue String code,
                                     @Nullable @QueryValue String state, @Nullable @QueryValue String error,
                                     @Nullable @QueryValue String resumed) {
        return complete(request, caller, OAuthProvider.MICROSOFT, new ConsentFlow.Callback(code, state, error), resumed != null);
    }

    private HttpResponse<?> complete(HttpRequest<?> request, @Nullable Caller caller, OAuthProvider provider,
                                     ConsentFlow.Callback callback, boolean resumed) {
        boolean json = wantsJson(request);
        try {
            if (caller == null || !caller.isUser()) {
                if (!json && !resumed) {
                    return sensitive(resume(request, provider, callback));
                }
                throw new ApiException(HttpStatus.UNAUTHORIZED, "sign in as the admin who started the connection, then connect "
                        + "again; nothing was changed");
            }
            if (!caller.hasRole(Roles.ADMIN)) {
                throw ApiException.forbidden("only admins connect mailboxes; nothing was changed");
            }
            String session = SessionToken.of(request).orElseThrow();
            ConsentFlow.Connected done = consent.complete(new ConsentFlow.Admin(caller.tenant(), caller.principalId(), session),
                    provider, callback);
            if (json) {
                return sensitive(HttpResponse.ok(new ConsentResult(done.touchpointId(), done.mailbox(), done.state().name())));
            }
            return sensitive(PageRenderer.seeOther("/admin/touchpoints/" + done.touchpointId()));
        } catch (ApiException e) {
            if (json) {
                throw e;
            }
            return sensitive(pages.render(e.status(), "error", Map.of("title", "The mailbox was not connected",
                    "message", e.getMessage(), "back", true), request));
        }
    }

    /** Reloads the callback from this site, so the SameSite=Strict session cookie comes along. */
    private static MutableHttpResponse<String> resume(HttpRequest<?> request, OAuthProvider provider, ConsentFlow.Callback callback) {
        StringBuilder url = new StringBuilder(request.getPath()).append("?resumed=1");
        append(url, "code", callback.code());
        append(url, "state", callback.state());
        append(url, "error", callback.error());
        String escaped = url.toString().replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        return HttpResponse.<String>ok("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta http-equiv=\"refresh\" content=\"0;url=" + escaped + "\"><title>Connecting…</title></head>"
                        + "<body><p>Finishing the connection… <a href=\"" + escaped + "\">Continue</a></p></body></html>")
                .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8");
    }

    private static void append(StringBuilder url, String name, @Nullable String value) {
        if (value != null) {
            url.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** The URL carries an authorization code: never cached, never sent on as a referrer, never framed. */
    private static <T> MutableHttpResponse<T> sensitive(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'");
    }

    private static boolean wantsJson(HttpRequest<?> request) {
        return request.getHeaders().accept().stream().anyMatch(type -> type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }
}
