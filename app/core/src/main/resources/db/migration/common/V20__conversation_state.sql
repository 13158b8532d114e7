-- Every change of a conversation's workflow state (status, assignee, follow-up deadline,
-- disposition) is a compare-and-set on this version: UPDATE … WHERE version = <the one read>.
-- Two agents acting at once cannot both win; the loser learns what happened instead.
ALTER TABLE conversation ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;

-- One row per closing, with the disposition it was closed with. The conversation itself carries
-- only the disposition of its current closing (none while open); the history keeps them all.
CREATE TABLE conversation_closing (
    id                 UUID PRIMARY KEY,
    tenant_id          UUID NOT NULL REFERENCES tenant (id),
    conversation_id    UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    disposition_id     UUID REFERENCES disposition (id),
    closed_by_user_id  UUID,
    closed_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX conversation_closing_conversation_idx ON conversation_closing (tenant_id, conversation_id, closed_at);
CREATE INDEX conversation_closing_disposition_idx ON conversation_closing (tenant_id, disposition_id);

-- Closings made before this history existed: the disposition each closed conversation carries now.
INSERT INTO conversation_closing (id, tenant_id, conversation_id, disposition_id, closed_by_user_id, closed_at)
SELECT id, tenant_id, id, disposition_id, NULL, last_message_at FROM conversation WHERE status = 'CLOSED';
