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

-- An agent's ring groups: for a small group the planner reads the group's conversations from here
-- and sorts the few rows, instead of walking the activity index for a long time to find them.
CREATE INDEX conversation_queue_tenant_group_idx ON conversation_queue (tenant_id, ring_group_id, conversation_id);
