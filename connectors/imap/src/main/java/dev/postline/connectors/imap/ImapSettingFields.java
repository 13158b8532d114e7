package dev.postline.connectors.imap;

import dev.postline.connectors.api.SettingField;
import dev.postline.connectors.api.SettingType;
import java.util.List;

/** Names and descriptions of every setting the IMAP/SMTP connector reads. */
final class ImapSettingFields {

    static final String PRESET = "preset";
    static final String IMAP_HOST = "imapHost";
    static final String IMAP_PORT = "imapPort";
    static final String IMAP_TLS = "imapTls";
    static final String SMTP_HOST = "smtpHost";
    static final String SMTP_PORT = "smtpPort";
    static final String SMTP_TLS = "smtpTls";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String AUTH = "auth";
    static final String FOLDER = "folder";
    static final String HEADER_FILTER = "headerFilter";
    static final String MARK_AS_READ = "markAsRead";
    static final String CONNECT_TIMEOUT = "connectTimeoutSeconds";
    static final String READ_TIMEOUT = "readTimeoutSeconds";
    static final String USE_IDLE = "useIdle";
    static final String POLL_INTERVAL = "pollIntervalSeconds";
    static final String APPEND_TO_SENT = "appendToSent";
    static final String SENT_FOLDER = "sentFolder";

    static final String AUTH_PASSWORD = "password";
    static final String AUTH_XOAUTH2 = "xoauth2";

    private ImapSettingFields() {
    }

    static List<SettingField> all() {
        return List.of(
                choice(PRESET, "Provider", "Fills in servers, ports and TLS for well-known providers; 'custom' for any other.",
                        Preset.CUSTOM.settingValue(), Preset.settingValues()),
                SettingField.of(IMAP_HOST, "IMAP server", "Required for 'custom'; overrides the provider's server.",
                        SettingType.HOST, false),
                SettingField.of(IMAP_PORT, "IMAP port", "Defaults to 993 for implicit TLS, 143 otherwise.",
                        SettingType.PORT, false),
                choice(IMAP_TLS, "IMAP security", "implicit = TLS from the start; starttls = upgrade, required; plain = none.",
                        TlsMode.IMPLICIT.settingValue(), TlsMode.settingValues()),
                SettingField.of(SMTP_HOST, "SMTP server", "Required for 'custom'; overrides the provider's server.",
                        SettingType.HOST, false),
                SettingField.of(SMTP_PORT, "SMTP port", "Defaults to 465 for implicit TLS, 587 for STARTTLS, 25 for plain.",
                        SettingType.PORT, false),
                choice(SMTP_TLS, "SMTP security", "implicit = TLS from the start; starttls = upgrade, required; plain = none.",
                        TlsMode.IMPLICIT.settingValue(), TlsMode.settingValues()),
                SettingField.of(USERNAME, "User name", "Usually the full mailbox address.", SettingType.STRING, true),
                SettingField.of(PASSWORD, "Password", "Password or app password; not needed for OAuth (XOAUTH2).",
                        SettingType.PASSWORD, false),
                choice(AUTH, "Sign-in method", "password, or xoauth2 with a token from the touchpoint's OAuth grant.",
                        AUTH_PASSWORD, List.of(AUTH_PASSWORD, AUTH_XOAUTH2)),
                SettingField.of(FOLDER, "Folder", "The folder to take mail from.", SettingType.STRING, false)
                        .withDefault("INBOX"),
                SettingField.of(HEADER_FILTER, "IMAP headers filter",
                        "Empty = all new mail. x-a = header present; x-a,x-b = both present; x-a=SAFE = exact value "
                                + "(names ignore case, values do not); x-a=SAFE,x-b = mixed.",
                        SettingType.STRING, false).withDefault(""),
                flag(MARK_AS_READ, "Mark fetched mail as read", "Off: mail stays unread in the mailbox.", false),
                number(CONNECT_TIMEOUT, "Connection timeout (s)", "How long to wait for the server to accept a connection.", 10),
                number(READ_TIMEOUT, "Read timeout (s)", "How long to wait for an answer, including during login.", 5),
                flag(USE_IDLE, "Use IMAP IDLE", "Get new mail pushed when the server supports it; off = poll.", true),
                number(POLL_INTERVAL, "Poll interval (s)", "How often to check for mail when IDLE is off or unsupported.", 60),
                flag(APPEND_TO_SENT, "Copy sent mail to a folder",
                        "Store each reply in the Sent folder after sending. Off by default for Gmail and Microsoft "
                                + "(Outlook.com, Microsoft 365), whose servers keep sent mail themselves; on for other servers.",
                        true),
                SettingField.of(SENT_FOLDER, "Sent folder", "Created if missing.", SettingType.STRING, false)
                        .withDefault("Sent"));
    }

    private static SettingField choice(String name, String label, String help, String def, List<String> values) {
        return new SettingField(name, label, help, SettingType.ENUM, false, false, def, values);
    }

    private static SettingField flag(String name, String label, String help, boolean def) {
        return SettingField.of(name, label, help, SettingType.BOOLEAN, false).withDefault(Boolean.toString(def));
    }

    private static SettingField number(String name, String label, String help, int def) {
        return SettingField.of(name, label, help, SettingType.INT, false).withDefault(Integer.toString(def));
    }
}
