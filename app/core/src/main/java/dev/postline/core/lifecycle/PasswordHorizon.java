package dev.postline.core.lifecycle;

import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.touchpoint.TouchpointSettingsCodec;
import dev.postline.core.vault.SecretStore;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * The horizon of password touchpoints (IMAP/SMTP with a password): none, unless an admin set
 * {@code passwordExpiresOn}. An expiry date that lies before the moment the current password was
 * set belonged to the previous password and is ignored: re-authenticating ends it.
 */
@Singleton
public class PasswordHorizon implements AuthorizationHorizon {

    private final TouchpointSettingsCodec settingsCodec;
    private final SecretStore secrets;

    public PasswordHorizon(TouchpointSettingsCodec settingsCodec, SecretStore secrets) {
        this.settingsCodec = settingsCodec;
        this.secrets = secrets;
    }

    /** Whether an IMAP touchpoint logs in with XOAUTH2 (a grant of the token service), not a password. */
    public static boolean signsInWithOAuth(Map<String, String> settings) {
        return "xoauth2".equals(settings.get("auth"));
    }

    @Override
    public boolean appliesTo(ConnectorKind kind) {
        return kind == ConnectorKind.IMAP;
    }

    @Override
    public Horizon predict(TenantId tenant, Touchpoint touchpoint) {
        Map<String, String> settings = settingsCodec.read(touchpoint.settings());
        if (signsInWithOAuth(settings)) {
            return Horizon.OPEN_ENDED; // an OAuth grant: the token service's horizon speaks for it
        }
        Optional<LocalDate> date = PasswordExpiryPolicy.expiresOn(settings);
        if (date.isEmpty()) {
            return Horizon.OPEN_ENDED;
        }
        Instant end = date.get().atStartOfDay(ZoneOffset.UTC).toInstant();
        Optional<Instant> setAt = secrets.updatedAt(tenant, touchpoint.id(), TouchpointService.PASSWORD_FIELD);
        if (setAt.isPresent() && !setAt.get().isBefore(end)) {
            return Horizon.OPEN_ENDED;
        }
        return new Horizon(Optional.of(end), Optional.empty(), "password expiry date " + date.get() + " set by an admin");
    }
}
