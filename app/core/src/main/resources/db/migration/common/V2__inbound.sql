-- Inbound spine: where each touchpoint's sync stands, conversations, messages, attachments and
-- quarantined mail. Raw MIME and attachment bytes live in the blob store (files, per tenant),
-- referenced here by their SHA-256.

CREATE TABLE sync_state (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id    UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    folder           VARCHAR(200) NOT NULL,
    cursor_value     VARCHAR(4000) NOT NULL,
    fetched          BIGINT NOT NULL,
    last_success_at  TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sync_state_unique UNIQUE (touchpoint_id, folder)
);

CREATE TABLE tenant_counter (
    id          UUID PRIMARY KEY,
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    name        VARCHAR(40) NOT NULL,
    counter_value BIGINT NOT NULL,
    CONSTRAINT tenant_counter_unique UNIQUE (tenant_id, name)
);

CREATE TABLE conversation (
    id                   UUID PRIMARY KEY,
    tenant_id            UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id        UUID NOT NULL REFERENCES touchpoint (id),
    number               BIGINT NOT NULL,
    subject              VARCHAR(1000) NOT NULL,
    customer_address     VARCHAR(254) NOT NULL,
    customer_name        VARCHAR(200) NOT NULL,
    status               VARCHAR(20) NOT NULL,
    blocked              BOOLEAN NOT NULL,
    assigned_user_id     UUID,
    agent_deadline       TIMESTAMP WITH TIME ZONE,
    unread               BOOLEAN NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_message_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT conversation_number_unique UNIQUE (tenant_id, number)
);

-- The queue a conversation was routed to: the touchpoint's ring groups at that moment.
CREATE TABLE conversation_queue (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL REFERENCES tenant (id),
    conversation_id  UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    ring_group_id    UUID NOT NULL,
    CONSTRAINT conversation_queue_unique UNIQUE (conversation_id, ring_group_id)
);

CREATE TABLE mail_message (
    id                 UUID PRIMARY KEY,
    tenant_id          UUID NOT NULL REFERENCES tenant (id),
    conversation_id    UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    touchpoint_id      UUID NOT NULL REFERENCES touchpoint (id),
    direction          VARCHAR(10) NOT NULL,
    provider_id        VARCHAR(500),
    message_id_header  VARCHAR(1000),
    dedupe_key         VARCHAR(1100),
    from_address       VARCHAR(254) NOT NULL,
    from_name          VARCHAR(200) NOT NULL,
    to_addresses       VARCHAR(20000) NOT NULL,
    cc_addresses       VARCHAR(20000) NOT NULL,
    subject            VARCHAR(1000) NOT NULL,
    sent_at            TIMESTAMP WITH TIME ZONE,
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    text_body          TEXT,
    html_body          TEXT,
    raw_blob           VARCHAR(64) NOT NULL,
    raw_size           BIGINT NOT NULL,
    flags              VARCHAR(200) NOT NULL,
    CONSTRAINT message_provider_unique UNIQUE (touchpoint_id, provider_id),
    CONSTRAINT message_dedupe_unique UNIQUE (touchpoint_id, dedupe_key)
);

CREATE TABLE attachment (
    id            UUID PRIMARY KEY,
    tenant_id     UUID NOT NULL REFERENCES tenant (id),
    message_id    UUID NOT NULL REFERENCES mail_message (id) ON DELETE CASCADE,
    file_name     VARCHAR(500) NOT NULL,
    content_type  VARCHAR(200) NOT NULL,
    size          BIGINT NOT NULL,
    content_id    VARCHAR(500),
    inline_part   BOOLEAN NOT NULL,
    blob_key      VARCHAR(64) NOT NULL
);

CREATE TABLE quarantine (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id  UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    provider_id    VARCHAR(500),
    reason         VARCHAR(1000) NOT NULL,
    raw_blob       VARCHAR(64) NOT NULL,
    raw_size       BIGINT NOT NULL,
    status         VARCHAR(20) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT quarantine_provider_unique UNIQUE (touchpoint_id, provider_id)
);

CREATE INDEX conversation_tenant_status_idx ON conversation (tenant_id, status, last_message_at);
CREATE INDEX conversation_queue_group_idx ON conversation_queue (ring_group_id);
CREATE INDEX message_conversation_idx ON mail_message (conversation_id, received_at);
CREATE INDEX message_header_idx ON mail_message (tenant_id, touchpoint_id, message_id_header);
CREATE INDEX attachment_message_idx ON attachment (message_id);
CREATE INDEX quarantine_tenant_idx ON quarantine (tenant_id, status);

-- Senders whose mail is stored and visible but starts no routing or automation: exact addresses
-- ("jane@example.com") or whole domains ("@example.com").
CREATE TABLE blocklist_entry (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id  UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    pattern        VARCHAR(254) NOT NULL,
    note           VARCHAR(500) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT blocklist_unique UNIQUE (touchpoint_id, pattern)
);
