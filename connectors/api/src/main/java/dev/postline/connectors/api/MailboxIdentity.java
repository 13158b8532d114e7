package dev.postline.connectors.api;

import java.util.Set;

/**
 * Optional capability of a session whose credential is an OAuth grant: who the provider says the
 * access token belongs to (Gmail {@code users.getProfile}, Graph {@code GET /me}). The consent flow
 * asks this before it keeps a new grant, so a grant for another mailbox is never stored.
 */
public interface MailboxIdentity {

    /**
     * Every address the signed-in account answers to, lower case (e.g. Graph's {@code mail} and
     * {@code userPrincipalName}); never empty.
     *
     * @throws ConnectorException classified as for any other call (a refused token is {@code AUTH_REVOKED})
     */
    Set<String> authorizedAddresses() throws ConnectorException;
}
