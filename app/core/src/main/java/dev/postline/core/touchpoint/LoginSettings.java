package dev.postline.core.touchpoint;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SettingType;
import dev.postline.core.connector.ConnectorRegistry;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an edit changes how a touchpoint logs in — a server, port or choice (security, provider,
 * sign-in method) among the connector's own fields, or the mailbox read (user, folder) — so the login
 * must be tried before the edit is kept. Timeouts, IDLE, filters and Postline's own settings are not.
 */
final class LoginSettings {

    private LoginSettings() {
    }

    static boolean changed(ConnectorRegistry connectors, ConnectorKind kind, Map<String, String> before, Map<String, String> after) {
        return connectors.find(kind.wireName()).map(factory -> changed(factory, before, after)).orElse(false);
    }

    private static boolean changed(ConnectorFactory factory, Map<String, String> before, Map<String, String> after) {
        for (SettingField f : factory.settingFields()) {
            boolean login = f.type() == SettingType.HOST || f.type() == SettingType.PORT || f.type() == SettingType.ENUM;
            if (login && !Objects.equals(effective(f, before), effective(f, after))) {
                return true;
            }
        }
        return !factory.mailboxKey(before).equals(factory.mailboxKey(after));
    }

    private static String effective(SettingField f, Map<String, String> settings) {
        String value = settings.get(f.name());
        return value == null || value.isBlank() ? f.defaultValueIfAny().orElse("") : value.strip();
    }
}
