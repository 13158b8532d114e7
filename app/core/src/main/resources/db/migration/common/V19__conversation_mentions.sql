-- Issue 13 item 7: mail that refers to a conversation without being allowed to join it (an
-- unsigned reference from someone who is not a participant) starts a new conversation that
-- "mentions" the referenced one. One row per link; the number is kept so the link reads
-- "mentions #1079" without a join (numbers never change).
CREATE TABLE conversation_mention (
    id                         UUID PRIMARY KEY,
    tenant_id                  UUID NOT NULL REFERENCES tenant (id),
    conversation_id            UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    mentioned_conversation_id  UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    mentioned_number           BIGINT NOT NULL,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT conversation_mention_unique UNIQUE (conversation_id, mentioned_conversation_id)
);

CREATE INDEX conversation_mention_tenant_idx ON conversation_mention (tenant_id, conversation_id);
