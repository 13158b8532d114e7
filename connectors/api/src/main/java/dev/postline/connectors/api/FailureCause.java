package dev.postline.connectors.api;

import java.util.Locale;

/**
 * What went wrong when a connection or login failed, finer than {@link FailureKind}: what an admin
 * must fix differs between a mistyped server name, a closed port and a wrong password, although the
 * core retries all but the last alike. The wire form ({@link #code()}) is stable for API clients.
 *
 * <p>Telling "refused" from "timed out" helps a port scan only against hosts the
 * {@link HostPolicy} let through: internal addresses are refused as {@link #HOST_NOT_ALLOWED}
 * before any connection is attempted, and that refusal does not say why.
 */
public enum FailureCause {
    /** The server name does not resolve (typo, or DNS down). */
    NAME_NOT_RESOLVED,
    /** Nothing listens on that port (TCP reset). */
    CONNECTION_REFUSED,
    /** The server did not answer in time (firewall drop, wrong port, overloaded server). */
    TIMED_OUT,
    /** The server was reached but the route or network failed otherwise (no route, reset mid-way). */
    UNREACHABLE,
    /** TLS failed: certificate not trusted or not for this name, or TLS spoken to a plain port (or vice versa). */
    TLS_FAILED,
    /** The server refused the user name, password or token. */
    LOGIN_REFUSED,
    /** The configured folder does not exist. */
    FOLDER_NOT_FOUND,
    /** The installation's host policy refuses this host (no reason given, on purpose). */
    HOST_NOT_ALLOWED,
    /** The installation's host policy refuses this port. */
    PORT_NOT_ALLOWED,
    /** Anything else; the failure's reason says what. */
    OTHER;

    /** Lower-case, hyphenated: {@code name-not-resolved}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
