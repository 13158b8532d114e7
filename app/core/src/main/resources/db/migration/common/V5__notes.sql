-- Internal notes on a conversation: never sent, visible to the tenant's users. author_user_id is
-- null for notes the platform writes itself (e.g. "the reply could not be delivered").
CREATE TABLE conversation_note (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL REFERENCES tenant (id),
    conversation_id  UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    author_user_id   UUID,
    body             VARCHAR(10000) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX conversation_note_idx ON conversation_note (conversation_id, created_at);
