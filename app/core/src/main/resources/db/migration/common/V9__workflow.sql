-- Outbox claim lease: a row taken for sending (SENDING) belongs to its sender until lease_until.
-- A row whose lease ran out belongs to a sender that died; it is queued again with check_sent, so
-- the next attempt first asks the connector whether the message already went out.
ALTER TABLE outbox ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox ADD COLUMN check_sent BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE outbox SET lease_until = updated_at, check_sent = TRUE WHERE status = 'SENDING';

-- Dispositions: the outcomes a tenant closes conversations with. A touchpoint may narrow the list
-- (touchpoint_disposition rows replace the tenant list there; none = the tenant list).
CREATE TABLE disposition (
    id          UUID PRIMARY KEY,
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    name        VARCHAR(100) NOT NULL,
    name_key    VARCHAR(100) NOT NULL,
    active      BOOLEAN NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT disposition_name_unique UNIQUE (tenant_id, name_key)
);

CREATE TABLE touchpoint_disposition (
    id              UUID PRIMARY KEY,
    tenant_id       UUID NOT NULL REFERENCES tenant (id),
    touchpoint_id   UUID NOT NULL REFERENCES touchpoint (id) ON DELETE CASCADE,
    disposition_id  UUID NOT NULL REFERENCES disposition (id) ON DELETE CASCADE,
    CONSTRAINT touchpoint_disposition_unique UNIQUE (touchpoint_id, disposition_id)
);

ALTER TABLE conversation ADD COLUMN disposition_id UUID REFERENCES disposition (id);

-- A conversation offered to one agent: pending until accepted, declined or expired; declined and
-- expired offers put back the assignee and queue saved here.
CREATE TABLE conversation_transfer (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID NOT NULL REFERENCES tenant (id),
    conversation_id     UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    by_user_id          UUID,
    target_user_id      UUID NOT NULL,
    previous_user_id    UUID,
    previous_groups     VARCHAR(4000) NOT NULL,
    status              VARCHAR(20) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at         TIMESTAMP WITH TIME ZONE
);

CREATE INDEX conversation_transfer_pending_idx ON conversation_transfer (tenant_id, status, expires_at);
CREATE INDEX conversation_transfer_conversation_idx ON conversation_transfer (conversation_id, status);
