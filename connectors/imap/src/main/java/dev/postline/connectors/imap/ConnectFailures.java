package dev.postline.connectors.imap;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureCause;
import dev.postline.connectors.api.FailureKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Names why reaching a server failed — the name, the policy, the port, the wait — in words an admin
 * can act on, for the IMAP and the SMTP side alike. Only the server's role is named, never its
 * address. Telling refused from timed out is safe: hosts the policy refuses are never connected to.
 */
final class ConnectFailures {

    private ConnectFailures() {
    }

    /** A host-policy refusal or unresolvable name, told as the {@code server}'s (e.g. "IMAP server"). */
    static ConnectorException fromPolicy(String server, ConnectorException e) {
        return switch (e.failureCause()) {
            case NAME_NOT_RESOLVED -> e.withReason("the " + server + " name does not resolve (check its spelling)");
            case HOST_NOT_ALLOWED -> e.withReason("the " + server + " is not allowed by this installation's policy (host not allowed)");
            case PORT_NOT_ALLOWED -> e.withReason("the " + server + " port is not allowed by this installation's policy "
                    + "(port not allowed; use the server's standard mail port)");
            default -> e;
        };
    }

    /** A socket-level failure below {@code e}, classified as NETWORK with its cause; empty when there is none. */
    static Optional<ConnectorException> fromSocket(String server, String doing, Exception e) {
        FailureCause cause;
        String reason;
        if (ImapFailures.hasCause(e, SocketTimeoutException.class) || timedOutConnect(e)) {
            cause = FailureCause.TIMED_OUT;
            reason = "the " + server + " did not answer in time while " + doing + " (check the server name and port)";
        } else if (ImapFailures.hasCause(e, ConnectException.class)) {
            cause = FailureCause.CONNECTION_REFUSED;
            reason = "the " + server + " refused the connection while " + doing + " (nothing listens on that port; check the port)";
        } else if (ImapFailures.hasCause(e, UnknownHostException.class)) {
            cause = FailureCause.NAME_NOT_RESOLVED;
            reason = "the " + server + " name does not resolve (check its spelling)";
        } else if (ImapFailures.hasCause(e, NoRouteToHostException.class) || ImapFailures.hasCause(e, IOException.class)) {
            cause = FailureCause.UNREACHABLE;
            reason = "could not reach the " + server + " while " + doing;
        } else {
            return Optional.empty();
        }
        return Optional.of(new ConnectorException(FailureKind.NETWORK, cause, reason, e));
    }

    /** The operating system's own connect timeout arrives as a ConnectException saying so. */
    private static boolean timedOutConnect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException c && c.getMessage() != null
                    && c.getMessage().toLowerCase(Locale.ROOT).contains("timed out")) {
                return true;
            }
            if (t instanceof jakarta.mail.MessagingException m && m.getNextException() != null && m.getNextException() != t.getCause()
                    && timedOutConnect(m.getNextException())) {
                return true;
            }
        }
        return false;
    }
}
