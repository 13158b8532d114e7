package dev.postline.tenantadmin.web.consent;

import dev.postline.core.consent.ConsentFlow;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.token.OAuthProvider;
import dev.postline.core.token.OAuthProviders;
import dev.postline.core.token.ProviderStatus;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The admin API of OAuth consent: which providers the platform offers (and why not), and "connect"
 * for a Gmail or Microsoft 365 touchpoint. The browser then goes to the returned URL; the provider
 * sends it back to {@link OAuthCallbackController}.
 */
@Controller("/api/v1")
@Secured(Roles.ADMIN)
public class OAuthConsentController {

    /** @param reason why the provider is not offered (configuration keys only, never values); null when offered */
    @Serdeable
    public record ProviderView(String provider, String connector, boolean offered, @Nullable String reason) {
        static ProviderView of(ProviderStatus s) {
            return new ProviderView(s.provider().name().toLowerCase(Locale.ROOT),
                    s.provider() == OAuthProvider.GOOGLE ? "gmail" : "graph", s.configured(), s.configured() ? null : s.explanation());
        }
    }

    @Serdeable
    public record ConsentStart(String authorizationUrl) {}

    private final OAuthProviders providers;
    private final ConsentFlow consent;

    public OAuthConsentController(OAuthProviders providers, ConsentFlow consent) {
        this.providers = providers;
        this.consent = consent;
    }

    @Get("/oauth/providers")
    public List<ProviderView> providers(@Authenticated Caller caller) {
        caller.tenant();
        return providers.statuses().stream().map(ProviderView::of).toList();
    }

    /**
     * Starts the authorization-code flow (PKCE S256, one-time state bound to this session, the
     * tenant and the touchpoint; valid for {@code postline.oauth.consent.state-ttl}).
     */
    @Post("/touchpoints/{touchpointId}/oauth/start")
    public ConsentStart start(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId) {
        String session = SessionToken.of(request).orElseThrow(() -> ApiException.forbidden("consent needs a signed-in admin session"));
        return new ConsentStart(consent.start(new ConsentFlow.Admin(caller.tenant(), caller.principalId(), session), touchpointId).toString());
    }
}
