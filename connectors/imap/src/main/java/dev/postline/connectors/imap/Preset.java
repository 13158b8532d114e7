package dev.postline.connectors.imap;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Well-known providers: the admin picks one and host, port and TLS are filled in. {@code keepsSentMail}:
 * the provider's SMTP server files sent mail in the Sent folder itself, so Postline's own copy would be
 * a second one (the copy to the Sent folder is off by default for these).
 */
enum Preset {
    CUSTOM(null, 0, null, null, 0, null, false),
    GMAIL("imap.gmail.com", 993, TlsMode.IMPLICIT, "smtp.gmail.com", 465, TlsMode.IMPLICIT, true),
    YAHOO("imap.mail.yahoo.com", 993, TlsMode.IMPLICIT, "smtp.mail.yahoo.com", 465, TlsMode.IMPLICIT, false),
    OUTLOOK("outlook.office365.com", 993, TlsMode.IMPLICIT, "smtp.office365.com", 587, TlsMode.STARTTLS, true),
    OFFICE365("outlook.office365.com", 993, TlsMode.IMPLICIT, "smtp.office365.com", 587, TlsMode.STARTTLS, true),
    ICLOUD("imap.mail.me.com", 993, TlsMode.IMPLICIT, "smtp.mail.me.com", 587, TlsMode.STARTTLS, false),
    AOL("imap.aol.com", 993, TlsMode.IMPLICIT, "smtp.aol.com", 465, TlsMode.IMPLICIT, false);

    final String imapHost;
    final int imapPort;
    final TlsMode imapTls;
    final String smtpHost;
    final int smtpPort;
    final TlsMode smtpTls;
    final boolean keepsSentMail;

    Preset(String imapHost, int imapPort, TlsMode imapTls, String smtpHost, int smtpPort, TlsMode smtpTls, boolean keepsSentMail) {
        this.imapHost = imapHost;
        this.imapPort = imapPort;
        this.imapTls = imapTls;
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.smtpTls = smtpTls;
        this.keepsSentMail = keepsSentMail;
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
