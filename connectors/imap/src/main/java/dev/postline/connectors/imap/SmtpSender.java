package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.OutboundMessage;
import dev.postline.connectors.api.ResolvedHost;
import dev.postline.connectors.api.SessionContext;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends a raw message over SMTP exactly as given: the message is parsed only to hand it to Angus,
 * which writes the original bytes back out (nothing is regenerated or added). The connection stays
 * open for the next message of the session (checked with NOOP before reuse) until {@link #close()}.
 */
final class SmtpSender {

    /** What the server accepted. */
    record Accepted(String providerId, String serverReply) {
    }

    private final SessionContext ctx;
    private final ImapSettings settings;
    private final SSLSocketFactory tls;
    private final Secrets secrets;
    private final SmtpFailures failures;

    SmtpSender(SessionContext ctx, ImapSettings settings, SSLSocketFactory tls, Secrets secrets) {
        this.ctx = ctx;
        this.settings = settings;
        this.tls = tls;
        this.secrets = secrets;
        this.failures = new SmtpFailures(secrets);
    }

    /** A mail session bound to the one address the host policy checked for this connection. */
    private record Target(Session session, ResolvedHost host) {
    }

    /** A connection used this recently is reused without a NOOP round trip first. */
    private static final long FRESH_NANOS = 5_000_000_000L;

    private Target openTarget;
    private SMTPTransport open;
    private long lastUsed;

    Accepted send(OutboundMessage outbound) throws ConnectorException {
        SMTPTransport transport = connection();
        SMTPMessage message = parse(openTarget.session(), outbound);
        Address[] recipients = recipients(outbound);
        try {
            transport.sendMessage(message, recipients);
            lastUsed = System.nanoTime();
            return new Accepted(providerId(message, outbound.raw()), transport.getLastServerResponse().strip());
        } catch (MessagingException e) {
            // After a refusal or a drop the SMTP state is unknown: the next message starts afresh.
            ConnectorException failure = failures.classify(e, transport.getLastReturnCode());
            close();
            throw failure;
        }
    }

    /**
     * The open connection if it was used moments ago or still answers a NOOP, else a new one. A
     * connection the server dropped just now fails the send before DATA (NETWORK, retried).
     */
    private SMTPTransport connection() throws ConnectorException {
        if (open != null && (System.nanoTime() - lastUsed < FRESH_NANOS || open.isConnected())) {
            return open;
        }
        close();
        openTarget = target();
        open = connect(openTarget);
        return open;
    }

    /** Ends the kept connection (QUIT); never throws. */
    void close() {
        closeQuietly(open);
        open = null;
        openTarget = null;
    }

    /** Logs in and out again; used by verify. */
    void checkLogin() throws ConnectorException {
        closeQuietly(connect(target()));
    }

    private Target target() throws ConnectorException {
        if (!settings.sends()) {
            throw new ConnectorException(FailureKind.PERMANENT,
                    "no SMTP server is configured for this touchpoint (it only receives mail)");
        }
        ResolvedHost host;
        try {
            host = ctx.hostPolicy().check(settings.smtp().host(), settings.smtp().port());
        } catch (ConnectorException e) {
            throw ConnectFailures.fromPolicy("SMTP server", e);
        }
        return new Target(Session.getInstance(MailProperties.smtp(settings, host, tls)), host);
    }

    private SMTPTransport connect(Target target) throws ConnectorException {
        String secret = secrets.remember(settings.xoauth2() ? ctx.credentials().accessToken() : ctx.credentials().password());
        SMTPTransport transport = null;
        try {
            transport = (SMTPTransport) target.session().getTransport("smtp");
            // The checked address, never the name: DNS must not get a second say.
            transport.connect(target.host().addressLiteral(), target.host().port(), settings.username(), secret);
            return transport;
        } catch (MessagingException e) {
            int code = transport == null ? -1 : transport.getLastReturnCode();
            closeQuietly(transport);
            throw failures.classify(e, code);
        }
    }

    private static SMTPMessage parse(Session session, OutboundMessage outbound) throws ConnectorException {
        try {
            SMTPMessage message = new SMTPMessage(session, new ByteArrayInputStream(outbound.raw()));
            message.setEnvelopeFrom(outbound.envelopeSender());
            return message;
        } catch (MessagingException e) {
            throw new ConnectorException(FailureKind.PERMANENT, "the message is not valid MIME", e);
        }
    }

    private static Address[] recipients(OutboundMessage outbound) throws ConnectorException {
        try {
            Address[] addresses = new Address[outbound.recipients().size()];
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = new InternetAddress(outbound.recipients().get(i), true);
            }
            return addresses;
        } catch (AddressException e) {
            throw new ConnectorException(FailureKind.PERMANENT, "a recipient address is not valid", e);
        }
    }

    /** The Message-ID, or for mail without one a hash of the bytes (the same dedupe key the core uses). */
    private static String providerId(SMTPMessage message, byte[] raw) throws MessagingException {
        String id = message.getMessageID();
        if (id != null && !id.isBlank()) {
            return id.trim();
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(SMTPTransport transport) {
        try {
            if (transport != null) {
                transport.close();
            }
        } catch (MessagingException | RuntimeException e) {
            // already disconnected
        }
    }
}
