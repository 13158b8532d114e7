-- Issue 14, target 4: the agent queue at scale. A queue page is one statement with only the filters
-- it uses (QueuePageSql), ordered by (last_message_at DESC, id DESC) and stopped at LIMIT. Each filter
-- column gets an index that ends in (blocked, last_message_at, id) — every listing filters on
-- blocked, and the keyset position (last_message_at, id) < (?, ?) — so each filter's page is a walk
-- of its own index (backwards) that reads about LIMIT rows, never all conversations of the tenant.
-- tenant_id leads every index: every query names its tenant (RLS adds the same predicate on PostgreSQL).
-- The same as postgres/V25 but for the triggers, which H2 runs as Java (QueueActivityTrigger).

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
UPDATE conversation_queue SET last_message_at = (SELECT c.last_message_at FROM conversation c WHERE c.id = conversation_queue.conversation_id),
    status = (SELECT c.status FROM conversation c WHERE c.id = conversation_queue.conversation_id);
CREATE INDEX conversation_queue_activity_idx ON conversation_queue (tenant_id, ring_group_id, last_message_at, conversation_id);
CREATE INDEX conversation_queue_status_activity_idx ON conversation_queue (tenant_id, ring_group_id, status, last_message_at, conversation_id);

CREATE TRIGGER conversation_queue_activity BEFORE INSERT ON conversation_queue
    FOR EACH ROW CALL 'dev.postline.core.conversation.QueueActivityTrigger';
CREATE TRIGGER conversation_activity_to_queue AFTER UPDATE ON conversation
    FOR EACH ROW CALL 'dev.postline.core.conversation.QueueActivityTrigger';
