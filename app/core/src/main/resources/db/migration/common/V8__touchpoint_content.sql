-- What agents insert and what a touchpoint adds to outbound mail (issue 5, touchpoint content).
-- Every HTML column holds sanitised HTML with {{variables}} still in place; variables are
-- rendered when a message is written.

-- Canned replies: tenant-wide (touchpoint_id NULL, scope_key 'tenant') or for one touchpoint
-- (scope_key = its id). scope_key exists because NULLs are never equal in a UNIQUE constraint.
CREATE TABLE standard_response (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id  UUID REFERENCES touchpoint (id) ON DELETE CASCADE,
    scope_key      VARCHAR(40)  NOT NULL,
    name           VARCHAR(200) NOT NULL,
    name_key       VARCHAR(200) NOT NULL,
    body_text      TEXT,
    body_html      TEXT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT standard_response_name_unique UNIQUE (tenant_id, scope_key, name_key)
);

-- One row per touchpoint once anything is configured: signature (kept when inactive), template
-- header and footer, contact card. Empty strings mean "none".
CREATE TABLE touchpoint_branding (
    touchpoint_id      UUID PRIMARY KEY REFERENCES touchpoint (id) ON DELETE CASCADE,
    tenant_id          UUID NOT NULL REFERENCES tenant (id),
    signature_html     TEXT NOT NULL,
    signature_active   BOOLEAN NOT NULL,
    header_html        TEXT NOT NULL,
    footer_html        TEXT NOT NULL,
    card_enabled       BOOLEAN NOT NULL,
    card_full_name     VARCHAR(200) NOT NULL,
    card_organization  VARCHAR(200) NOT NULL,
    card_email         VARCHAR(254) NOT NULL,
    card_phone         VARCHAR(40)  NOT NULL,
    card_url           VARCHAR(500) NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Inline images a touchpoint's signature and template refer to as cid:<content_id>; the bytes
-- are in the tenant's blob store.
CREATE TABLE branding_image (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id  UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    content_id     VARCHAR(100) NOT NULL,
    file_name      VARCHAR(255) NOT NULL,
    content_type   VARCHAR(50)  NOT NULL,
    size_bytes     INT NOT NULL,
    blob_key       VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT branding_image_cid_unique UNIQUE (tenant_id, content_id)
);

CREATE INDEX branding_image_touchpoint_idx ON branding_image (tenant_id, touchpoint_id);
