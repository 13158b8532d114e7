-- Foundation schema. Portable between PostgreSQL and H2 (MODE=PostgreSQL, DATABASE_TO_LOWER=TRUE).
-- Every tenant-owned table carries tenant_id; on PostgreSQL, R__tenant_isolation.sql puts forced
-- row-level security on every such table (see docs/adr/0001-tenant-isolation.md).

CREATE TABLE tenant (
    id          UUID PRIMARY KEY,
    slug        VARCHAR(40)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tenant_slug_unique UNIQUE (slug)
);

CREATE TABLE user_account (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    email          VARCHAR(254) NOT NULL,
    email_key      VARCHAR(254) NOT NULL,
    display_name   VARCHAR(200) NOT NULL,
    role           VARCHAR(20)  NOT NULL,
    password_hash  VARCHAR(200) NOT NULL,
    enabled        BOOLEAN      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT user_email_unique UNIQUE (tenant_id, email_key)
);

CREATE TABLE ring_group (
    id           UUID PRIMARY KEY,
    tenant_id    UUID NOT NULL REFERENCES tenant (id),
    name         VARCHAR(100) NOT NULL,
    name_key     VARCHAR(100) NOT NULL,
    description  VARCHAR(1000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ring_group_name_unique UNIQUE (tenant_id, name_key)
);

CREATE TABLE ring_group_member (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    ring_group_id  UUID NOT NULL REFERENCES ring_group (id) ON DELETE CASCADE,
    user_id        UUID NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    CONSTRAINT ring_group_member_unique UNIQUE (ring_group_id, user_id)
);

CREATE TABLE api_key (
    id           UUID PRIMARY KEY,
    tenant_id    UUID NOT NULL REFERENCES tenant (id),
    name         VARCHAR(100) NOT NULL,
    role         VARCHAR(20)  NOT NULL,
    secret_hash  VARCHAR(100) NOT NULL,
    created_by   UUID NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE
);

CREATE TABLE touchpoint (
    id                UUID PRIMARY KEY,
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    address           VARCHAR(254) NOT NULL,
    display_name      VARCHAR(200) NOT NULL,
    name_key          VARCHAR(200) NOT NULL,
    connector_kind    VARCHAR(20)  NOT NULL,
    direction         VARCHAR(20)  NOT NULL,
    enabled           BOOLEAN      NOT NULL,
    settings          VARCHAR(20000) NOT NULL,
    connection_state  VARCHAR(30)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT touchpoint_name_unique UNIQUE (tenant_id, name_key)
);

CREATE TABLE touchpoint_ring_group (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id  UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    ring_group_id  UUID NOT NULL REFERENCES ring_group (id),
    CONSTRAINT touchpoint_ring_group_unique UNIQUE (touchpoint_id, ring_group_id)
);

-- Encrypted secrets (OAuth tokens, passwords, webhook secrets). The ciphertext is bound to
-- (tenant_id, owner_id, field) as AEAD associated data, so a copied ciphertext does not decrypt.
CREATE TABLE secret (
    id          UUID PRIMARY KEY,
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    owner_id    UUID NOT NULL,
    field       VARCHAR(60) NOT NULL,
    key_id      BIGINT NOT NULL,
    ciphertext  BYTEA NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT secret_owner_field_unique UNIQUE (tenant_id, owner_id, field)
);

CREATE INDEX user_account_tenant_idx ON user_account (tenant_id);
CREATE INDEX ring_group_member_user_idx ON ring_group_member (user_id);
CREATE INDEX api_key_tenant_idx ON api_key (tenant_id);
CREATE INDEX touchpoint_tenant_idx ON touchpoint (tenant_id);
CREATE INDEX secret_key_idx ON secret (key_id);
