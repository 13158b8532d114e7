package dev.postline.connectors.imap;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a connection is secured. */
enum TlsMode {
    /** TLS from the first byte (IMAPS 993, SMTPS 465). */
    IMPLICIT(993, 465),
    /** Plain connect, then STARTTLS; refusing to continue if the server does not offer it. */
    STARTTLS(143, 587),
    /** No TLS at all; only for servers on a trusted network. */
    PLAIN(143, 25);

    final int defaultImapPort;
    final int defaultSmtpPort;

    TlsMode(int defaultImapPort, int defaultSmtpPort) {
        this.defaultImapPort = defaultImapPort;
        this.defaultSmtpPort = defaultSmtpPort;
    }

    String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> settingValues() {
        return Arrays.stream(values()).map(TlsMode::settingValue).toList();
    }

    static Optional<TlsMode> fromSetting(String value) {
        return Arrays.stream(values()).filter(m -> m.settingValue().equals(value)).findFirst();
    }
}
