-- What is known about a touchpoint's OAuth grant without decrypting it: the tokens themselves live
-- only in the vault (secret.field = 'oauth-grant'). The token lifecycle reads these columns to
-- predict the end of the authorization (last_refresh_at: the last successful refresh-token use)
-- and to find idle grants to keep alive. last_failure is safe text (no token, no server body).
CREATE TABLE oauth_grant (
    touchpoint_id     UUID PRIMARY KEY REFERENCES touchpoint (id) ON DELETE CASCADE,
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    provider          VARCHAR(16) NOT NULL,
    mailbox           VARCHAR(320) NOT NULL,
    scopes            VARCHAR(2000) NOT NULL,
    granted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_refresh_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    access_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failure_at   TIMESTAMP WITH TIME ZONE,
    last_failure      VARCHAR(500),
    revoked_at        TIMESTAMP WITH TIME ZONE
);

CREATE INDEX oauth_grant_refresh_idx ON oauth_grant (tenant_id, last_refresh_at);
