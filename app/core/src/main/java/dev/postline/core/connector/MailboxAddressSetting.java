package dev.postline.core.connector;

import dev.postline.connectors.api.ConnectorFactory;
import dev.postline.core.touchpoint.ConnectorKind;
import dev.postline.core.web.InputCheck;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The touchpoint's address is the connector's mailbox: a connector that names its mailbox in a
 * setting ({@link ConnectorFactory#mailboxAddressSetting()}, Gmail {@code emailAddress}, Graph
 * {@code mailbox}) gets it filled from the address when left out, and a different value is refused,
 * so the touchpoint and the mailbox it syncs can never disagree.
 */
@Singleton
public class MailboxAddressSetting {

    private final ConnectorRegistry connectors;

    public MailboxAddressSetting(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    /** Settings to save: the mailbox setting filled in; a conflicting value is reported on {@code in}. */
    public Map<String, String> apply(InputCheck in, ConnectorKind kind, String address, Map<String, String> settings) {
        Map<String, String> filled = connectors.find(kind.wireName()).flatMap(ConnectorFactory::addressDefaultSetting)
                .filter(key -> settings.get(key) == null || settings.get(key).isBlank())
                .map(key -> {
                    Map<String, String> copy = new LinkedHashMap<>(settings);
                    copy.put(key, address); // e.g. IMAP's user name: usually the address, but may differ
                    return copy;
                })
                .orElse(settings);
        return connectors.find(kind.wireName()).flatMap(ConnectorFactory::mailboxAddressSetting)
                .map(key -> withAddress(in, key, address, filled))
                .orElse(filled);
    }

    /** Settings for a session of a touchpoint saved before the setting was filled in. */
    public Map<String, String> forSession(ConnectorKind kind, String address, Map<String, String> settings) {
        return apply(InputCheck.start(), kind, address, settings);
    }

    private static Map<String, String> withAddress(InputCheck in, String key, String address, Map<String, String> settings) {
        String given = settings.get(key);
        if (given == null || given.isBlank()) {
            Map<String, String> filled = new LinkedHashMap<>(settings);
            filled.put(key, address);
            return filled;
        }
        in.check(given.trim().toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT)), "settings." + key,
                "must be the touchpoint's address " + address + " (or left out: it is taken from the address)");
        return settings;
    }
}
