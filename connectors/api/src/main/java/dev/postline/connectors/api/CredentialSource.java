package dev.postline.connectors.api;

/**
 * Where a session gets the secret it logs in with. Implemented by the core, which stores credentials
 * encrypted and refreshes OAuth tokens (single-flight, per touchpoint).
 *
 * <p>Sessions call these methods every time they authenticate and never cache, store or log the result;
 * refresh tokens never reach a connector.
 */
public interface CredentialSource {

    /**
     * The mailbox password (or app password).
     *
     * @throws ConnectorException {@code AUTH_REVOKED} when none is stored
     */
    String password() throws ConnectorException;

    /**
     * A currently valid OAuth access token, refreshed by the core if needed.
     *
     * @throws ConnectorException {@code AUTH_REVOKED} when the grant is gone (re-consent needed),
     *                            {@code AUTH_TRANSIENT} when the token endpoint failed temporarily
     */
    String accessToken() throws ConnectorException;
}
