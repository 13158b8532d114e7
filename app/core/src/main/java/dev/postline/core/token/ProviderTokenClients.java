package dev.postline.core.token;

import dev.postline.connectors.api.oauth.PlatformApp;
import dev.postline.connectors.api.oauth.ProviderTokenClient;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider token libraries on the classpath, found through {@link ServiceLoader} like the
 * connectors (MSAL for Microsoft, from connectors/graph): the core knows only the SPI. A provider
 * without one keeps the plain OAuth route. Also builds the {@link PlatformApp} a library is called
 * with from the checked platform app.
 */
@Singleton
public class ProviderTokenClients {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderTokenClients.class);

    private final Map<OAuthProvider, ProviderTokenClient> clients = new EnumMap<>(OAuthProvider.class);
    private final TokenSettings settings;
    private final OAuthAuthorityTrust trust;

    public ProviderTokenClients(TokenSettings settings, @Nullable OAuthAuthorityTrust trust) {
        this.settings = settings;
        this.trust = trust;
        for (ProviderTokenClient client : ServiceLoader.load(ProviderTokenClient.class, ProviderTokenClients.class.getClassLoader())) {
            for (OAuthProvider provider : OAuthProvider.values()) {
                if (provider.name().toLowerCase(Locale.ROOT).equals(client.provider())) {
                    clients.putIfAbsent(provider, client);
                }
            }
        }
    }

    @PostConstruct
    void report() {
        for (OAuthProvider provider : OAuthProvider.values()) {
            LOG.info("OAuth token route for {}: {}", provider,
                    clients.containsKey(provider) ? clients.get(provider).getClass().getSimpleName() : "plain OAuth 2.0");
        }
    }

    /** The provider's token library, if one is on the classpath. */
    public Optional<ProviderTokenClient> find(OAuthProvider provider) {
        return Optional.ofNullable(clients.get(provider));
    }

    /** The platform app as a library needs it; the authority is the token URI's for providers without one. */
    public PlatformApp platformApp(OAuthClient client) {
        URI authority = client.authority().map(URI::create).orElse(client.tokenUri());
        return new PlatformApp(client.clientId(), client.clientSecret().reveal(), authority, client.tokenUri(),
                settings.getHttpTimeout(), Optional.ofNullable(trust).map(OAuthAuthorityTrust::socketFactory));
    }
}
