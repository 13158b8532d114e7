-- Issue 14, target 4: the agent queue at scale. A queue page is one statement with only the filters
-- it uses (QueuePageSql), ordered by (last_message_at DESC, id DESC) and stopped at LIMIT. Each filter
-- column gets an index that ends in (blocked, last_message_at, id) — every listing filters on
-- blocked, and the keyset position (last_message_at, id) < (?, ?) — so each filter's page is a walk
-- of its own index (backwards) that reads about LIMIT rows, never all conversations of the tenant.
-- tenant_id leads every index: every query names its tenant (RLS adds the same predicate).

CREATE INDEX conversation_activity_idx ON conversation (tenant_id, blocked, last_message_at, id);
CREATE INDEX conversation_assignee_activity_idx ON conversation (tenant_id, assigned_user_id, blocked, last_message_at, id);
CREATE INDEX conversation_status_activity_idx ON conversation (tenant_id, status, blocked, last_message_at, id);
CREATE INDEX conversation_touchpoint_activity_idx ON conversation (tenant_id, touchpoint_id, blocked, last_message_at, id);
CREATE INDEX conversation_unread_activity_idx ON conversation (tenant_id, unread, blocked, last_message_at, id);
CREATE INDEX conversation_report_service_activity_idx ON conversation (tenant_id, report_service_key, blocked, last_message_at, id);

-- Superseded by the two above (same leading columns).
DROP INDEX conversation_tenant_status_idx;
DROP INDEX conversation_report_service_idx;

-- An agent's ring groups. Walking the activity index and probing conversation_queue for each row
-- reads 1/share rows per page (a ring group with 1 % of the conversations: ~5,000 rows for 50), so
-- each queue row carries its conversation's last_message_at and a page of one group is a walk of
-- (tenant_id, ring_group_id, last_message_at, conversation_id). The copy is kept by the database
-- itself (below), for every writer: ingestion (new conversations, follow-ups), transfers, imports.
ALTER TABLE conversation_queue ADD COLUMN last_message_at TIMESTAMP WITH TIME ZONE;
-- The status too: an agent's usual view is the open conversations of their groups, and a small group
-- whose open ones are rare would otherwise be walked to its end to fill a page.
ALTER TABLE conversation_queue ADD COLUMN status VARCHAR(20);
-- Row-level security is forced on the owner too, so the back-fill sees no rows unless the tables are
-- exempt for this one statement; R__tenant_isolation forces it again at the end of every migrate.
ALTER TABLE conversation NO FORCE ROW LEVEL SECURITY;
ALTER TABLE conversation_queue NO FORCE ROW LEVEL SECURITY;
UPDATE conversation_queue SET last_message_at = (SELECT c.last_message_at FROM conversation c WHERE c.id = conversation_queue.conversation_id),
    status = (SELECT c.status FROM conversation c WHERE c.id = conversation_queue.conversation_id);
ALTER TABLE conversation FORCE ROW LEVEL SECURITY;
ALTER TABLE conversation_queue FORCE ROW LEVEL SECURITY;
CREATE INDEX conversation_queue_activity_idx ON conversation_queue (tenant_id, ring_group_id, last_message_at, conversation_id);
CREATE INDEX conversation_queue_status_activity_idx ON conversation_queue (tenant_id, ring_group_id, status, last_message_at, conversation_id);

-- A new queue row takes its conversation's activity time and status; a conversation's new activity time
-- or status goes to its queue rows (row-level security applies inside, as the writer's own tenant).
CREATE FUNCTION postline_queue_row_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT c.last_message_at, c.status INTO NEW.last_message_at, NEW.status FROM conversation c WHERE c.id = NEW.conversation_id;
    RETURN NEW;
END
$$;

CREATE TRIGGER conversation_queue_activity BEFORE INSERT OR UPDATE OF conversation_id ON conversation_queue
    FOR EACH ROW EXECUTE FUNCTION postline_queue_row_activity();

CREATE FUNCTION postline_conversation_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE conversation_queue SET last_message_at = NEW.last_message_at, status = NEW.status WHERE conversation_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER conversation_activity_to_queue AFTER UPDATE OF last_message_at, status ON conversation
    FOR EACH ROW WHEN (OLD.last_message_at IS DISTINCT FROM NEW.last_message_at OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION postline_conversation_activity();
