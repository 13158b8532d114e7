-- Gmail push watches (issue 7): at most one per Gmail touchpoint, made with users.watch when the
-- installation is configured for Gmail push (postline.push.gmail.topic). Gmail gives a watch no id and
-- names only the mailbox address in its Pub/Sub notification, so a push is routed by email_address
-- (lower case) — and, unlike push_subscription's ids, an address is not unique: several tenants may have
-- connected the same mailbox, and each of their touchpoints is woken. No secret is stored: a push is
-- authenticated by the OIDC token Pub/Sub signs (ADR 0005).
CREATE TABLE gmail_watch (
    id                 UUID PRIMARY KEY,
    tenant_id          UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id      UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    email_address      VARCHAR(320) NOT NULL,
    topic              VARCHAR(255) NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    renewed_at         TIMESTAMP WITH TIME ZONE
);

CREATE UNIQUE INDEX gmail_watch_touchpoint_idx ON gmail_watch (tenant_id, touchpoint_id);
CREATE INDEX gmail_watch_address_idx ON gmail_watch (email_address);
