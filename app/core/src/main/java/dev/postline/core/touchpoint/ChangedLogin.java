package dev.postline.core.touchpoint;

import dev.postline.core.connector.ConnectorRegistry;
import dev.postline.core.connector.ConnectorSessions;
import dev.postline.core.connector.MailboxAddressSetting;
import dev.postline.core.connector.VerifySentence;
import dev.postline.core.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * An edit is tried with the provider before it is kept, as re-authentication is, when it gives a
 * new password or changes how a touchpoint with a credential logs in ({@link LoginSettings}): a wrong
 * password or an unreachable server is refused at once, with its cause, instead of being saved and
 * showing Connected until the next sync fails. Runs outside any transaction (network I/O).
 */
@Singleton
public class ChangedLogin {

    private final ConnectorRegistry connectors;
    private final ConnectorSessions sessions;
    private final MailboxAddressSetting mailboxSetting;
    private final TouchpointSettingsCodec settingsCodec;

    public ChangedLogin(ConnectorRegistry connectors, ConnectorSessions sessions, MailboxAddressSetting mailboxSetting,
                        TouchpointSettingsCodec settingsCodec) {
        this.connectors = connectors;
        this.sessions = sessions;
        this.mailboxSetting = mailboxSetting;
        this.settingsCodec = settingsCodec;
    }

    /**
     * @param newSettings the checked settings the edit would save, or null when it leaves them
     * @param newPassword the password the edit would store, or null when it keeps the stored one
     * @throws ApiException 400 (field {@code connection}) naming the cause when the provider refuses
     */
    public void refuseIfRejected(Touchpoint current, @Nullable Map<String, String> newSettings, @Nullable String newPassword) {
        Map<String, String> stored = mailboxSetting.forSession(current.connectorKind(), current.address(),
                settingsCodec.read(current.settings()));
        boolean loginChanged = newSettings != null && LoginSettings.changed(connectors, current.connectorKind(), stored, newSettings);
        if (newPassword == null && !(loginChanged && sessions.hasCredential(current))) {
            return;
        }
        sessions.verifyChange(current, newSettings != null ? newSettings : stored, Optional.ofNullable(newPassword))
                .filter(result -> !result.ok())
                .ifPresent(result -> {
                    throw ApiException.invalid("connection", "Nothing was saved. " + VerifySentence.of(result));
                });
    }
}
