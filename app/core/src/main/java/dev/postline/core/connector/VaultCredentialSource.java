package dev.postline.core.connector;

import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.CredentialSource;
import dev.postline.connectors.api.FailureKind;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.vault.SecretStore;
import java.util.UUID;

/**
 * Hands a connector the touchpoint's password from the vault. OAuth access tokens come from the
 * token service of the lifecycle issue; until then a touchpoint without one cannot log in.
 */
record VaultCredentialSource(SecretStore secrets, TenantId tenant, UUID touchpointId) implements CredentialSource {

    @Override
    public String password() throws ConnectorException {
        return secrets.get(tenant, touchpointId, TouchpointService.PASSWORD_FIELD)
                .orElseThrow(() -> new ConnectorException(FailureKind.AUTH_REVOKED, "no password is set for this touchpoint"))
                .reveal();
    }

    @Override
    public String accessToken() throws ConnectorException {
        throw new ConnectorException(FailureKind.AUTH_REVOKED, "no OAuth authorization is stored for this touchpoint");
    }

    @Override
    public String toString() {
        return "VaultCredentialSource[" + tenant + "/" + touchpointId + "]";
    }
}
