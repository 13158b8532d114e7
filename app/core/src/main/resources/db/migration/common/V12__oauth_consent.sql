-- Pending OAuth consents (issue 7): one row per "connect" an admin started and has not finished.
-- Only a SHA-256 of the one-time state is kept (the state itself travels through the browser);
-- the row binds it to the tenant, the touchpoint, the admin and a hash of the admin's session
-- token. The PKCE verifier is sealed in the vault (owner = the touchpoint, field oauth-pkce-<row id>). A row is
-- deleted when its callback arrives (one-time), or after it expired.
CREATE TABLE oauth_consent (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id  UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    user_id        UUID NOT NULL,
    session_hash   VARCHAR(64) NOT NULL,
    state_hash     VARCHAR(64) NOT NULL,
    provider       VARCHAR(16) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX oauth_consent_state_idx ON oauth_consent (tenant_id, state_hash);
CREATE INDEX oauth_consent_expiry_idx ON oauth_consent (tenant_id, expires_at);
