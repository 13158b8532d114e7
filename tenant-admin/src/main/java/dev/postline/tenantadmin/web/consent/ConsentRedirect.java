package dev.postline.tenantadmin.web.consent;

import dev.postline.core.consent.ConsentFlow;
import dev.postline.core.security.Caller;
import dev.postline.core.web.ApiException;
import dev.postline.tenantadmin.web.PageRenderer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Starts a touchpoint's OAuth consent from the admin pages, through the same {@link ConsentFlow}
 * as the API, and sends the browser on to the provider with a 303. The state is bound to the
 * session cookie the form arrived with, so only this browser can finish the consent.
 */
@Singleton
public class ConsentRedirect {

    private final ConsentFlow consent;

    ConsentRedirect(ConsentFlow consent) {
        this.consent = consent;
    }

    /** 303 to the provider's authorization URL; an {@link ApiException} when the consent cannot start. */
    public HttpResponse<String> toProvider(HttpRequest<?> request, Caller caller, UUID touchpointId) {
        String session = SessionToken.of(request).orElseThrow(() -> ApiException.forbidden("consent needs a signed-in admin session"));
        var url = consent.start(new ConsentFlow.Admin(caller.tenant(), caller.principalId(), session), touchpointId);
        return PageRenderer.seeOther(url.toString());
    }
}
