package dev.postline.tenantadmin.web.touchpoint;

import dev.postline.core.lifecycle.TouchpointLifecycle;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.OAuthProviders;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.FieldError;
import dev.postline.tenantadmin.web.AdminFrame;
import dev.postline.tenantadmin.web.ErrorPages;
import dev.postline.tenantadmin.web.Form;
import dev.postline.tenantadmin.web.PageRenderer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import java.util.UUID;

/**
 * What an admin does about a touchpoint's connection from the pages: reconnect a lost one now, and
 * re-authenticate an expired (or expiring) one — a new password for the same mailbox, checked with
 * the mail server before it is kept. OAuth touchpoints re-authorize through the provider's consent.
 */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}")
@Secured(Roles.ADMIN)
public class ConnectionActionsController {

    /** Shown instead of the consent button for IMAP with XOAUTH2, which has no consent flow of its own. */
    static final String CONSENT_UNAVAILABLE = "Re-authorizing an IMAP mailbox that signs in with XOAUTH2 is not available "
            + "from these pages. Create the touchpoint again with the new-touchpoint wizard.";

    private final TouchpointService touchpoints;
    private final TouchpointLifecycle lifecycle;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;
    private final OAuthProviders oauth;

    public ConnectionActionsController(TouchpointService touchpoints, TouchpointLifecycle lifecycle, AdminFrame frame,
                                       PageRenderer pages, ErrorPages errors, OAuthProviders oauth) {
        this.oauth = oauth;
        this.touchpoints = touchpoints;
        this.lifecycle = lifecycle;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Post("/reconnect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> reconnect(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        lifecycle.reconnect(caller.tenant(), touchpointId, caller.principalId());
        return PageRenderer.seeOther("/admin/touchpoints?done=reconnecting");
    }

    @Get("/reauthenticate")
    public HttpResponse<String> form(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return page(request, caller, touchpointId, HttpStatus.OK, null, null);
    }

    @Post("/reauthenticate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> reauthenticate(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                               @Body Map<String, Object> fields) {
        String password = Form.of(fields).get("password");
        try {
            lifecycle.reauthenticate(caller.tenant(), touchpointId, new TouchpointLifecycle.Reauthentication(password, null, null),
                    caller.principalId());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            String fieldProblem = e.errors().stream().filter(f -> f.field().equals("password")).map(FieldError::message)
                    .findFirst().orElse(null);
            return page(request, caller, touchpointId, e.status(), fieldProblem, fieldProblem == null ? e.getMessage() : null);
        }
        return PageRenderer.seeOther("/admin/touchpoints/" + touchpointId + "?done=reauthenticated");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, UUID touchpointId, HttpStatus status,
                                      @Nullable String passwordProblem, @Nullable String problem) {
        var details = touchpoints.get(caller.tenant(), touchpointId);
        var t = details.touchpoint();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Re-authenticate " + t.displayName());
        model.put("id", t.id());
        model.put("name", t.displayName());
        model.put("address", t.address());
        model.put("username", details.settings().getOrDefault("username", t.address()));
        model.put("badge", StatusBadge.of(t.connectionState(), null, java.time.Instant.EPOCH).label());
        model.put("oauth", TouchpointRow.isOAuth(details));
        model.put("provider", TouchpointRow.providerName(details));
        // The consent button works when the platform's app for this kind is configured; else it says why not.
        var provider = OAuthProvider.forKind(t.connectorKind()).map(oauth::status);
        String unavailable = provider.isEmpty() ? CONSENT_UNAVAILABLE : provider.get().configured() ? null : provider.get().explanation();
        model.put("consentAvailable", unavailable == null);
        model.put("consentUnavailable", unavailable == null ? "" : unavailable);
        if (passwordProblem != null) {
            model.put("passwordProblem", passwordProblem);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        return pages.render(status, "reauthenticate", model, request);
    }
}
