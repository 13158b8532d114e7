-- Change-notification subscriptions (issue 7): at most one per touchpoint, created at the provider
-- (Microsoft Graph) when the installation has a public URL. subscription_id is the provider's id,
-- named in every notification. Only a SHA-256 of the client state is kept: the client state is a
-- random secret the provider echoes in each notification, compared here in constant time; it is
-- never stored in plain text and never leaves the server except to the provider.
CREATE TABLE push_subscription (
    id                 UUID PRIMARY KEY,
    tenant_id          UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id      UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    subscription_id    VARCHAR(200) NOT NULL,
    client_state_hash  VARCHAR(64) NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    renewed_at         TIMESTAMP WITH TIME ZONE
);

CREATE UNIQUE INDEX push_subscription_touchpoint_idx ON push_subscription (tenant_id, touchpoint_id);
-- The provider's id is unique across tenants: notifications are routed by it.
CREATE UNIQUE INDEX push_subscription_id_idx ON push_subscription (subscription_id);
CREATE INDEX push_subscription_expiry_idx ON push_subscription (tenant_id, expires_at);
