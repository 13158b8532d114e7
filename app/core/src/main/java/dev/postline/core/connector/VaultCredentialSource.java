package dev.postline.core.connector;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.FailureKind;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.token.TokenService;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.vault.SecretStore;
import java.util.UUID;

/**
 * Hands a connector the touchpoint's password from the vault, or an OAuth access token from the
 * token service (which refreshes; connectors never do).
 */
record VaultCredentialSource(SecretStore secrets, TokenService tokens, TenantId tenant, UUID touchpointId)
        implements CredentialSource {

    @Override
    public String password() throws ConnectorException {
        return secrets.get(tenant, touchpointId, TouchpointService.PASSWORD_FIELD)
                .orElseThrow(() -> new ConnectorException(FailureKind.AUTH_REVOKED, "no password is set for this touchpoint"))
                .reveal();
    }

    @Override
    public String accessToken() throws ConnectorException {
        return tokens.accessToken(tenant, touchpointId);
    }

    @Override
    public String toString() {
        return "VaultCredentialSource[" + tenant + "/" + touchpointId + "]";
    }
}
