-- Outbound mail: the message row and its outbox entry are written in one transaction; a sender
-- works the outbox. Delivery status is kept on the message for agents to see.
ALTER TABLE mail_message ADD COLUMN delivery_status VARCHAR(20);
ALTER TABLE mail_message ADD COLUMN delivery_detail VARCHAR(1000);
ALTER TABLE mail_message ADD COLUMN author_user_id UUID;

CREATE TABLE outbox (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL REFERENCES tenant (id),
    message_id       UUID NOT NULL REFERENCES mail_message (id) ON DELETE CASCADE,
    touchpoint_id    UUID NOT NULL REFERENCES touchpoint (id),
    envelope_from    VARCHAR(254) NOT NULL,
    recipients       VARCHAR(20000) NOT NULL,
    status           VARCHAR(20) NOT NULL,
    attempts         INT NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    provider_id      VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX outbox_due_idx ON outbox (tenant_id, status, next_attempt_at);
