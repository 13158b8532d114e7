package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureCause;
import dev.postline.connectors.api.FailureKind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Classifies SMTP failures by reply code: auth refused → AUTH_REVOKED (454 → AUTH_TRANSIENT),
 * 421 / other 4xx / dropped connection → NETWORK (retry), 5xx → PERMANENT (do not retry). The
 * server's reply is quoted, scrubbed of secrets, because it is what an admin needs to see.
 */
final class SmtpFailures {

    private final Secrets secrets;

    SmtpFailures(Secrets secrets) {
        this.secrets = secrets;
    }

    /**
     * @param lastReturnCode the transport's last reply code, or -1 when there was none
     */
    ConnectorException classify(MessagingException e, int lastReturnCode) {
        int code = replyCode(e).orElse(lastReturnCode);
        String reply = secrets.scrub(e.getMessage());
        if (e instanceof AuthenticationFailedException) {
            boolean temporary = code >= 400 && code < 500 || reply.startsWith("454");
            return new ConnectorException(temporary ? FailureKind.AUTH_TRANSIENT : FailureKind.AUTH_REVOKED,
                    FailureCause.LOGIN_REFUSED, "the SMTP server refused the login (" + reply + ")", e);
        }
        if (code >= 500 && code < 600) {
            return new ConnectorException(FailureKind.PERMANENT, "the SMTP server rejected the message (" + reply + ")", e);
        }
        if (code >= 400 && code < 500) {
            return new ConnectorException(FailureKind.NETWORK, "the SMTP server deferred the message (" + reply + ")", e);
        }
        if (ImapFailures.hasCause(e, SSLException.class)) {
            return new ConnectorException(FailureKind.NETWORK, FailureCause.TLS_FAILED,
                    "TLS with the SMTP server failed (certificate not trusted or not issued for this host name, "
                            + "or the port does not speak the chosen security)", e);
        }
        java.util.Optional<ConnectorException> socket = ConnectFailures.fromSocket("SMTP server", "connecting or sending", e);
        if (socket.isPresent()) {
            return socket.get();
        }
        return new ConnectorException(FailureKind.NETWORK, "sending failed (" + reply + ")", e);
    }

    /** The reply code carried by Angus's per-stage exceptions, looking through chained ones. */
    private static java.util.OptionalInt replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            int code = switch (x) {
                case SMTPSendFailedException s -> s.getReturnCode();
                case SMTPAddressFailedException a -> a.getReturnCode();
                case SMTPSenderFailedException f -> f.getReturnCode();
                default -> -1;
            };
            if (code > 0) {
                return java.util.OptionalInt.of(code);
            }
        }
        return java.util.OptionalInt.empty();
    }
}
