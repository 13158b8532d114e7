package dev.postline.core.token;

import dev.postline.core.lifecycle.AuthorizationHorizon;
import dev.postline.core.lifecycle.Horizon;
import dev.postline.core.lifecycle.PasswordHorizon;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * When an OAuth touchpoint's authorization ends, by its provider's rules (PROVIDERS.md):
 * Microsoft — 90 days after the refresh token was last used successfully (sliding; a failing refresh
 * does not move it), with a re-authentication notice every 14 days; Google in testing mode — 7 days
 * after consent; Google in production — 6 months after the last use. A grant the provider refused
 * ended when it was refused. IMAP touchpoints signing in with XOAUTH2 hold a grant too (Microsoft 365
 * or Gmail over IMAP) and follow the same rules; IMAP touchpoints with a password are left to the
 * {@link PasswordHorizon}.
 */
@Singleton
public class OAuthAuthorizationHorizon implements AuthorizationHorizon {

    static final Duration MICROSOFT_INACTIVITY = Duration.ofDays(90);
    static final Duration MICROSOFT_NOTICE_EVERY = Duration.ofDays(14);
    static final Duration GOOGLE_TESTING_LIFETIME = Duration.ofDays(7);
    static final int GOOGLE_UNUSED_MONTHS = 6;

    private final GrantStore grants;
    private final GoogleOAuthSettings google;
    private final TouchpointSettingsCodec settingsCodec;

    public OAuthAuthorizationHorizon(GrantStore grants, GoogleOAuthSettings google, TouchpointSettingsCodec settingsCodec) {
        this.grants = grants;
        this.google = google;
        this.settingsCodec = settingsCodec;
    }

    @Override
    public boolean appliesTo(ConnectorKind kind) {
        return OAuthProvider.forKind(kind).isPresent() || kind == ConnectorKind.IMAP;
    }

    @Override
    public Horizon predict(TenantId tenant, Touchpoint touchpoint) {
        if (touchpoint.connectorKind() == ConnectorKind.IMAP
                && !PasswordHorizon.signsInWithOAuth(settingsCodec.read(touchpoint.settings()))) {
            return Horizon.OPEN_ENDED; // a password: any grant left from an earlier XOAUTH2 setup is not in use
        }
        return grants.facts(tenant, touchpoint.id()).map(this::predict)
                .orElse(new Horizon(Optional.empty(), Optional.empty(), "not authorized yet"));
    }

    private Horizon predict(OAuthGrantRecord grant) {
        boolean microsoft = grant.provider() == OAuthProvider.MICROSOFT;
        Optional<Duration> notices = microsoft ? Optional.of(MICROSOFT_NOTICE_EVERY) : Optional.empty();
        if (grant.revokedAt() != null) {
            return new Horizon(Optional.of(grant.revokedAt()), notices, "the provider refused the authorization on " + day(grant.revokedAt()));
        }
        if (microsoft) {
            return new Horizon(Optional.of(grant.lastRefreshAt().plus(MICROSOFT_INACTIVITY)), notices,
                    "Microsoft: 90 days after the refresh token was last used (" + day(grant.lastRefreshAt()) + ")");
        }
        if (googleTesting()) {
            return new Horizon(Optional.of(grant.grantedAt().plus(GOOGLE_TESTING_LIFETIME)), notices,
                    "Google: the platform's OAuth app is in testing mode, so consent lasts 7 days (given " + day(grant.grantedAt()) + ")");
        }
        Instant unused = grant.lastRefreshAt().atZone(ZoneOffset.UTC).plusMonths(GOOGLE_UNUSED_MONTHS).toInstant();
        return new Horizon(Optional.of(unused), notices,
                "Google: 6 months after the refresh token was last used (" + day(grant.lastRefreshAt()) + ")");
    }

    private boolean googleTesting() {
        String status = google.getPublishingStatus();
        return status == null || !status.trim().toLowerCase(Locale.ROOT).equals("production");
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
