package dev.postline.connectors.imap;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Well-known providers: the admin picks one and host, port and TLS are filled in. */
enum Preset {
    CUSTOM(null, 0, null, null, 0, null),
    GMAIL("imap.gmail.com", 993, TlsMode.IMPLICIT, "smtp.gmail.com", 465, TlsMode.IMPLICIT),
    YAHOO("imap.mail.yahoo.com", 993, TlsMode.IMPLICIT, "smtp.mail.yahoo.com", 465, TlsMode.IMPLICIT),
    OUTLOOK("outlook.office365.com", 993, TlsMode.IMPLICIT, "smtp.office365.com", 587, TlsMode.STARTTLS),
    OFFICE365("outlook.office365.com", 993, TlsMode.IMPLICIT, "smtp.office365.com", 587, TlsMode.STARTTLS),
    ICLOUD("imap.mail.me.com", 993, TlsMode.IMPLICIT, "smtp.mail.me.com", 587, TlsMode.STARTTLS),
    AOL("imap.aol.com", 993, TlsMode.IMPLICIT, "smtp.aol.com", 465, TlsMode.IMPLICIT);

    final String imapHost;
    final int imapPort;
    final TlsMode imapTls;
    final String smtpHost;
    final int smtpPort;
    final TlsMode smtpTls;

    Preset(String imapHost, int imapPort, TlsMode imapTls, String smtpHost, int smtpPort, TlsMode smtpTls) {
        this.imapHost = imapHost;
        this.imapPort = imapPort;
        this.imapTls = imapTls;
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.smtpTls = smtpTls;
    }

    boolean isCustom() {
        return this == CUSTOM;
    }

    String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> settingValues() {
        return Arrays.stream(values()).map(Preset::settingValue).toList();
    }

    static Optional<Preset> fromSetting(String value) {
        return Arrays.stream(values()).filter(p -> p.settingValue().equals(value)).findFirst();
    }
}
