package dev.postline.tenantadmin.web.consent;

import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.web.ApiException;
import dev.postline.tenantadmin.web.ErrorPages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.UUID;

/**
 * "Connect / Reconnect with Google or Microsoft" on the admin pages: a form post (CSRF-checked by
 * the guard like every form) that starts the consent and sends the browser to the provider.
 */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}/oauth")
@Secured(Roles.ADMIN)
public class OAuthConnectPageController {

    private final ConsentRedirect consent;
    private final ErrorPages errors;

    public OAuthConnectPageController(ConsentRedirect consent, ErrorPages errors) {
        this.consent = consent;
        this.errors = errors;
    }

    @Post("/connect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> connect(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return consent.toProvider(request, caller, touchpointId);
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }
}
