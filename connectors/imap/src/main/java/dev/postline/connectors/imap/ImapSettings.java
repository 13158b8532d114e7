package dev.postline.connectors.imap;

import static dev.postline.connectors.imap.ImapSettingFields.*;

import dev.postline.connectors.api.ValidationResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The validated settings of one IMAP/SMTP touchpoint, presets and defaults applied. */
record ImapSettings(Endpoint imap, Endpoint smtp, String username, boolean xoauth2, String folder,
                    HeaderFilter headerFilter, boolean markAsRead, Duration connectTimeout, Duration readTimeout,
                    boolean useIdle, Duration pollInterval, boolean appendToSent, String sentFolder) {

    /** A server to connect to, before the host policy has looked at it. */
    record Endpoint(String host, int port, TlsMode tls) {
    }

    /** Whether an SMTP server is configured; a custom server that only receives may leave it out. */
    boolean sends() {
        return !smtp.host().isEmpty();
    }

    /**
     * The mailbox and folder read: the IMAP server name (case and a trailing dot ignored; the port is
     * not part of it, 143 and 993 reach the same mailbox), the user name as given and the folder
     * (INBOX in any case is INBOX, RFC 3501).
     */
    String mailboxKey() {
        String host = imap.host().toLowerCase(java.util.Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String box = folder.equalsIgnoreCase("INBOX") ? "INBOX" : folder;
        return host + "\n" + username + "\n" + box;
    }

    /**
     * Reads and checks {@code settings}, reporting every problem to {@code errors}.
     *
     * @return the settings when there was no error
     */
    static Optional<ImapSettings> read(Map<String, String> settings, ValidationResult.Builder errors) {
        Reader r = new Reader(settings, errors);
        Preset preset = Preset.fromSetting(r.text(PRESET, "custom")).orElse(null);
        if (preset == null) {
            errors.error(PRESET, "unknown provider; choose one of " + String.join(", ", Preset.settingValues()));
            preset = Preset.CUSTOM;
        }
        Endpoint imap = r.endpoint(preset, IMAP_HOST, IMAP_PORT, IMAP_TLS, preset.imapHost, preset.imapPort, preset.imapTls, true);
        Endpoint smtp = r.endpoint(preset, SMTP_HOST, SMTP_PORT, SMTP_TLS, preset.smtpHost, preset.smtpPort, preset.smtpTls, false);
        String username = r.text(USERNAME, "");
        if (username.isBlank()) {
            errors.error(USERNAME, "a user name is required (usually the mailbox address)");
        }
        String auth = r.text(AUTH, AUTH_PASSWORD);
        if (!auth.equals(AUTH_PASSWORD) && !auth.equals(AUTH_XOAUTH2)) {
            errors.error(AUTH, "choose 'password' or 'xoauth2'");
        }
        HeaderFilter filter = HeaderFilter.parse("");
        try {
            filter = HeaderFilter.parse(r.text(HEADER_FILTER, ""));
        } catch (IllegalArgumentException e) {
            errors.error(HEADER_FILTER, e.getMessage());
        }
        ImapSettings result = new ImapSettings(imap, smtp, username.trim(), auth.equals(AUTH_XOAUTH2),
                r.folder(FOLDER, "INBOX"), filter, r.flag(MARK_AS_READ, false),
                r.seconds(CONNECT_TIMEOUT, 10, 1, 120), r.seconds(READ_TIMEOUT, 5, 1, 600), r.flag(USE_IDLE, true),
                r.seconds(POLL_INTERVAL, 60, 1, 3600), r.flag(APPEND_TO_SENT, !preset.keepsSentMail), r.folder(SENT_FOLDER, "Sent"));
        return errors.build().isValid() ? Optional.of(result) : Optional.empty();
    }

    /** Typed access to the raw map; each reader method records its own error and returns a default. */
    private record Reader(Map<String, String> settings, ValidationResult.Builder errors) {

        String text(String name, String def) {
            String value = settings.get(name);
            return value == null || value.isBlank() ? def : value.trim();
        }

        Endpoint endpoint(Preset preset, String hostKey, String portKey, String tlsKey,
                          String presetHost, int presetPort, TlsMode presetTls, boolean imap) {
            String host = text(hostKey, preset.isCustom() ? "" : presetHost);
            if (host.isEmpty() && imap) {
                errors.error(hostKey, "a server name is required for a custom provider");
            } else if (host.isEmpty()) {
                // No SMTP server: the touchpoint only receives (the core requires one for touchpoints that send).
            } else if (!host.matches("[A-Za-z0-9.:\\-\\[\\]%]+")) {
                errors.error(hostKey, "not a host name or IP address");
            }
            TlsMode tls = TlsMode.fromSetting(text(tlsKey, presetTls == null ? "implicit" : presetTls.settingValue()))
                    .orElse(null);
            if (tls == null) {
                errors.error(tlsKey, "choose one of " + String.join(", ", TlsMode.settingValues()));
                tls = TlsMode.IMPLICIT;
            }
            int defaultPort = settings.containsKey(tlsKey) || presetPort == 0
                    ? (imap ? tls.defaultImapPort : tls.defaultSmtpPort) : presetPort;
            int port = integer(portKey, defaultPort, 1, 65535, "a port is a whole number from 1 to 65535");
            return new Endpoint(host, port, tls);
        }

        String folder(String name, String def) {
            String folder = text(name, def);
            if (folder.chars().anyMatch(c -> c < 32 || c == 127)) {
                errors.error(name, "folder names cannot contain control characters");
            }
            return folder;
        }

        boolean flag(String name, boolean def) {
            String value = text(name, Boolean.toString(def));
            if (!value.equals("true") && !value.equals("false")) {
                errors.error(name, "must be true or false");
                return def;
            }
            return Boolean.parseBoolean(value);
        }

        Duration seconds(String name, int def, int min, int max) {
            return Duration.ofSeconds(integer(name, def, min, max, "must be a whole number of seconds from " + min + " to " + max));
        }

        int integer(String name, int def, int min, int max, String message) {
            String value = text(name, Integer.toString(def));
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            errors.error(name, message);
            return def;
        }
    }
}
