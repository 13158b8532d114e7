package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureCause;
import dev.postline.connectors.api.FailureKind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.iap.ConnectionException;

/**
 * Turns Angus Mail's IMAP exceptions into classified {@link ConnectorException}s. Reasons are our own
 * words; server text is quoted only for refused logins (it often says what to do, e.g. "use an app
 * password") and is scrubbed of secrets first.
 */
final class ImapFailures {

    private final Secrets secrets;

    ImapFailures(Secrets secrets) {
        this.secrets = secrets;
    }

    ConnectorException classify(String doing, MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            String said = secrets.scrub(e.getMessage());
            // RFC 5530 [UNAVAILABLE]: the server's auth backend is down, the credentials may be fine.
            FailureKind kind = said.contains("[UNAVAILABLE]") ? FailureKind.AUTH_TRANSIENT : FailureKind.AUTH_REVOKED;
            return new ConnectorException(kind, FailureCause.LOGIN_REFUSED, "the IMAP server refused the login (" + said + ")", e);
        }
        if (e instanceof FolderNotFoundException) {
            return new ConnectorException(FailureKind.PERMANENT, FailureCause.FOLDER_NOT_FOUND,
                    "the folder does not exist on the IMAP server", e);
        }
        if (e instanceof FolderClosedException || e instanceof StoreClosedException
                || hasCause(e, ConnectionException.class)) {
            return new ConnectorException(FailureKind.NETWORK, "the connection to the IMAP server was lost while " + doing, e);
        }
        if (hasCause(e, SSLException.class)) {
            return new ConnectorException(FailureKind.NETWORK, FailureCause.TLS_FAILED,
                    "TLS with the IMAP server failed (certificate not trusted or not issued for this host name, "
                            + "or the port does not speak the chosen security)", e);
        }
        Optional<ConnectorException> socket = ConnectFailures.fromSocket("IMAP server", doing, e);
        if (socket.isPresent()) {
            return socket.get();
        }
        return new ConnectorException(FailureKind.NETWORK, "the IMAP server failed while " + doing
                + " (" + secrets.scrub(e.getMessage()) + ")", e);
    }

    static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t.getCause()
                    && hasCause(m.getNextException(), type)) {
                return true;
            }
        }
        return false;
    }
}
