package dev.postline.core.token;

import dev.postline.core.vault.Secret;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's OAuth apps, checked once at start-up: per provider either a complete
 * {@link OAuthClient} or the list of what is missing. Start-up logs which providers are available
 * (never a secret). A provider that is not configured is simply not offered; nothing fails later.
 */
@Singleton
public class OAuthProviders {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthProviders.class);

    private final Map<OAuthProvider, ProviderStatus> statuses = new EnumMap<>(OAuthProvider.class);
    private final Map<OAuthProvider, OAuthClient> clients = new EnumMap<>(OAuthProvider.class);

    public OAuthProviders(GoogleOAuthSettings google, MicrosoftOAuthSettings microsoft) {
        check(OAuthProvider.GOOGLE, google);
        check(OAuthProvider.MICROSOFT, microsoft);
        statuses.values().forEach(status -> {
            if (status.configured()) {
                LOG.info("OAuth provider {}: available", status.provider());
            } else {
                LOG.info("OAuth provider {}: not offered ({})", status.provider(), String.join("; ", status.problems()));
            }
        });
    }

    public ProviderStatus status(OAuthProvider provider) {
        return statuses.get(provider);
    }

    public List<ProviderStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    /** The provider's app, if it is completely configured. */
    public Optional<OAuthClient> client(OAuthProvider provider) {
        return Optional.ofNullable(clients.get(provider));
    }

    private void check(OAuthProvider provider, GoogleOAuthSettings s) {
        String prefix = "postline.oauth.google.";
        Checks checks = new Checks(prefix);
        String clientId = checks.required("client-id", s.getClientId());
        String secret = checks.required("client-secret", s.getClientSecret());
        URI redirect = checks.uri("redirect-uri", s.getRedirectUri());
        URI token = checks.uri("token-uri", s.getTokenUri());
        URI authorization = checks.uri("authorization-uri", s.getAuthorizationUri());
        String status = s.getPublishingStatus() == null ? "" : s.getPublishingStatus().trim().toLowerCase(Locale.ROOT);
        if (!status.equals("testing") && !status.equals("production")) {
            checks.problems.add(prefix + "publishing-status must be testing or production");
        }
        record(provider, checks, () -> new OAuthClient(provider, clientId, Secret.of(secret), redirect, token, authorization,
                status.equals("testing"), Optional.empty()));
    }

    private void check(OAuthProvider provider, MicrosoftOAuthSettings s) {
        Checks checks = new Checks("postline.oauth.microsoft.");
        String clientId = checks.required("client-id", s.getClientId());
        String secret = checks.required("client-secret", s.getClientSecret());
        URI redirect = checks.uri("redirect-uri", s.getRedirectUri());
        checks.required("authority", s.getAuthority());
        checks.required("tenant", s.getTenant());
        URI token = checks.uri("token-uri", s.effectiveTokenUri());
        URI authorization = checks.uri("authorization-uri", s.effectiveAuthorizationUri());
        record(provider, checks, () -> new OAuthClient(provider, clientId, Secret.of(secret), redirect, token, authorization,
                false, Optional.of(s.authorityUrl())));
    }

    private void record(OAuthProvider provider, Checks checks, java.util.function.Supplier<OAuthClient> client) {
        statuses.put(provider, new ProviderStatus(provider, checks.problems));
        if (checks.problems.isEmpty()) {
            clients.put(provider, client.get());
        }
    }

    /** Collects problems with key names only: values (possibly secrets) never reach a message. */
    private static final class Checks {
        final String prefix;
        final List<String> problems = new ArrayList<>();

        Checks(String prefix) {
            this.prefix = prefix;
        }

        String required(String key, String value) {
            if (value == null || value.isBlank()) {
                problems.add(prefix + key + " is missing");
                return null;
            }
            return value.trim();
        }

        URI uri(String key, String value) {
            String text = required(key, value);
            if (text == null) {
                return null;
            }
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                    problems.add(prefix + key + " must be an absolute http(s) URL");
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                problems.add(prefix + key + " is not a valid URL");
                return null;
            }
        }
    }
}
