-- Composing outbound mail: files uploaded before they are attached, server-side drafts, and
-- auto-replies with the log that both caps them per sender and carries the decision durably
-- from the ingest transaction to the outbox.

-- A file an agent (or a portal's API key) uploaded to attach later. Only its owner may use it;
-- it expires a day after upload unless a draft still holds it. Bytes are in the blob store.
CREATE TABLE upload (
    id            UUID PRIMARY KEY,
    tenant_id     UUID NOT NULL REFERENCES tenant (id),
    owner_id      UUID NOT NULL,
    file_name     VARCHAR(255) NOT NULL,
    content_type  VARCHAR(200) NOT NULL,
    size          BIGINT NOT NULL,
    blob_key      VARCHAR(64) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX upload_created_idx ON upload (tenant_id, created_at);

-- An unsent answer, per conversation and agent. Addresses are JSON arrays of strings as typed;
-- they are checked when the draft is sent. version grows with every save (stale saves are refused).
CREATE TABLE draft (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID NOT NULL REFERENCES tenant (id),
    conversation_id     UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    author_user_id      UUID NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    kind                VARCHAR(20) NOT NULL,
    to_addresses        VARCHAR(20000) NOT NULL,
    cc_addresses        VARCHAR(20000) NOT NULL,
    bcc_addresses       VARCHAR(20000) NOT NULL,
    subject             VARCHAR(1000),
    text_body           TEXT,
    html_body           TEXT,
    touchpoint_id       UUID,
    forward_message_id  UUID,
    version             BIGINT NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX draft_owner_idx ON draft (tenant_id, conversation_id, author_user_id);

CREATE TABLE draft_attachment (
    id          UUID PRIMARY KEY,
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    draft_id    UUID NOT NULL REFERENCES draft (id) ON DELETE CASCADE,
    upload_id   UUID NOT NULL REFERENCES upload (id),
    sort_index  INT NOT NULL
);

CREATE INDEX draft_attachment_draft_idx ON draft_attachment (draft_id);
CREATE INDEX draft_attachment_upload_idx ON draft_attachment (upload_id);

-- A touchpoint's auto-reply; may be saved inactive and activated later.
CREATE TABLE auto_reply (
    id                UUID PRIMARY KEY,
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id     UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    subject           VARCHAR(1000) NOT NULL,
    html_body         TEXT,
    text_body         TEXT,
    active            BOOLEAN NOT NULL,
    per_sender_hours  INT NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT auto_reply_touchpoint_unique UNIQUE (touchpoint_id)
);

-- One row per auto-reply decided, written in the ingest transaction of the conversation's first
-- message. outbound_message_id is null until the reply is rendered into the outbox (right after
-- the commit, or by the recovery sweep after a crash). The per-sender cap counts these rows.
CREATE TABLE auto_reply_log (
    id                   UUID PRIMARY KEY,
    tenant_id            UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id        UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    sender_address       VARCHAR(254) NOT NULL,
    conversation_id      UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    inbound_message_id   UUID NOT NULL,
    outbound_message_id  UUID,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT auto_reply_log_conversation_unique UNIQUE (conversation_id)
);

CREATE INDEX auto_reply_log_sender_idx ON auto_reply_log (tenant_id, touchpoint_id, sender_address, created_at);
CREATE INDEX auto_reply_log_pending_idx ON auto_reply_log (tenant_id, outbound_message_id);
