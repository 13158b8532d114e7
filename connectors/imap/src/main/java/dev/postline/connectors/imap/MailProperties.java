package dev.postline.connectors.imap;

import dev.postline.connectors.api.ResolvedHost;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Angus Mail properties for one connection. The host handed to Angus is always the checked IP
 * literal; TLS verifies the tenant's host name through {@link HostnameSslSocketFactory}.
 */
final class MailProperties {

    private MailProperties() {
    }

    static Properties imap(ImapSettings s, ResolvedHost host, SSLSocketFactory tls) {
        Properties p = common("mail.imap.", s.imap().tls(), host, tls, s);
        p.put("mail.imap.peek", "true");   // BODY.PEEK: fetching never sets \Seen by itself
        p.put("mail.imap.auth.mechanisms", s.xoauth2() ? "XOAUTH2" : "PLAIN LOGIN");
        return p;
    }

    static Properties smtp(ImapSettings s, ResolvedHost host, SSLSocketFactory tls) {
        Properties p = common("mail.smtp.", s.smtp().tls(), host, tls, s);
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.auth.mechanisms", s.xoauth2() ? "XOAUTH2" : "PLAIN LOGIN");
        // A fixed EHLO name: looking up our own host name can stall in containers.
        p.put("mail.smtp.localhost", "postline.localdomain");
        return p;
    }

    private static Properties common(String prefix, TlsMode mode, ResolvedHost host, SSLSocketFactory tls, ImapSettings s) {
        Properties p = new Properties();
        p.put(prefix + "connectiontimeout", millis(s.connectTimeout()));
        p.put(prefix + "timeout", millis(s.readTimeout()));
        p.put(prefix + "ssl.enable", Boolean.toString(mode == TlsMode.IMPLICIT));
        p.put(prefix + "starttls.enable", Boolean.toString(mode == TlsMode.STARTTLS));
        p.put(prefix + "starttls.required", Boolean.toString(mode == TlsMode.STARTTLS));
        p.put(prefix + "ssl.socketFactory", new HostnameSslSocketFactory(tls, host.hostname()));
        if (mode != TlsMode.IMPLICIT) {
            p.put(prefix + "socketFactory", NoDelaySocketFactory.INSTANCE);
        }
        p.put(prefix + "ssl.checkserveridentity", "true");
        // Never fall back to an unchecked socket when ours refuses.
        p.put(prefix + "socketFactory.fallback", "false");
        return p;
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }
}
