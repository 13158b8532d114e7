-- EXPLAIN (ANALYZE, BUFFERS) of the queue's statements as QueuePageSql writes them, run as the
-- service's role (postline_app) with the tenant bound, so forced row-level security applies as in
-- production. Values come from the loaded data set (queue-bench.sh load).
\set QUIET on
\pset pager off
SELECT id AS tenant FROM tenant WHERE slug = 'bench' \gset
SELECT id AS tech FROM touchpoint WHERE address = 'tech@bench.test' \gset
SELECT u.id AS agent1 FROM user_account u WHERE u.email = 'agent1@bench.test' \gset
SELECT g.id AS support FROM ring_group g WHERE g.tenant_id = :'tenant' AND g.name = 'Support' \gset
SELECT g.id AS vip FROM ring_group g WHERE g.tenant_id = :'tenant' AND g.name = 'VIP' \gset
-- a later page: the position after the 500th row of the whole queue
SELECT last_message_at AS at, id AS after FROM conversation WHERE tenant_id = :'tenant' AND NOT blocked
  ORDER BY last_message_at DESC, id DESC OFFSET 499 LIMIT 1 \gset
BEGIN;
SET LOCAL ROLE postline_app;
SELECT set_config('postline.tenant_id', :'tenant', true) \gset
\echo '### supervisor: all, first page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation c WHERE c.tenant_id = :'tenant' AND c.blocked = false
  ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50;
\echo '### supervisor: all, later page (keyset)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation c WHERE c.tenant_id = :'tenant' AND c.blocked = false
  AND (c.last_message_at, c.id) < (:'at', :'after') ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50;
\echo '### supervisor: status=OPEN'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation c WHERE c.tenant_id = :'tenant' AND c.blocked = false
  AND c.status = 'OPEN' ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50;
\echo '### supervisor: touchpointId'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation c WHERE c.tenant_id = :'tenant' AND c.blocked = false
  AND c.touchpoint_id = :'tech' ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50;
\echo '### supervisor: assigned=unassigned'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation c WHERE c.tenant_id = :'tenant' AND c.blocked = false
  AND c.assigned_user_id IS NULL ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50;
\echo '### supervisor: unread=true'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation c WHERE c.tenant_id = :'tenant' AND c.blocked = false
  AND c.unread = true ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50;
\echo '### supervisor: reportService=customer care'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation c WHERE c.tenant_id = :'tenant' AND c.blocked = false
  AND c.report_service_key = 'customer care' ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50;
\echo '### agent1: assigned=me'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation c WHERE c.tenant_id = :'tenant' AND c.blocked = false
  AND c.assigned_user_id = :'agent1' ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50;
\echo '### agent1: ring groups (Support + VIP) or assigned to me (one branch per group, UNION)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT v.* FROM ((SELECT c.* FROM conversation c WHERE c.tenant_id = :'tenant' AND c.blocked = false
    AND c.assigned_user_id = :'agent1' ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50)
  UNION (SELECT c.* FROM conversation_queue q JOIN conversation c ON c.id = q.conversation_id
    WHERE q.tenant_id = :'tenant' AND q.ring_group_id = :'support' AND c.tenant_id = :'tenant' AND c.blocked = false
    ORDER BY q.last_message_at DESC, q.conversation_id DESC LIMIT 50)
  UNION (SELECT c.* FROM conversation_queue q JOIN conversation c ON c.id = q.conversation_id
    WHERE q.tenant_id = :'tenant' AND q.ring_group_id = :'vip' AND c.tenant_id = :'tenant' AND c.blocked = false
    ORDER BY q.last_message_at DESC, q.conversation_id DESC LIMIT 50)) v
  ORDER BY v.last_message_at DESC, v.id DESC LIMIT 50;
\echo '### agent2: ring group VIP only (1 % of the conversations), later page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation_queue q JOIN conversation c ON c.id = q.conversation_id
    WHERE q.tenant_id = :'tenant' AND q.ring_group_id = :'vip' AND (q.last_message_at, q.conversation_id) < (:'at', :'after')
    AND c.tenant_id = :'tenant' AND c.blocked = false AND (c.last_message_at, c.id) < (:'at', :'after')
    ORDER BY q.last_message_at DESC, q.conversation_id DESC LIMIT 50;
\echo '### agent1: status=OPEN, assigned=unassigned, Support branch'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation_queue q JOIN conversation c ON c.id = q.conversation_id
    WHERE q.tenant_id = :'tenant' AND q.ring_group_id = :'support' AND q.status = 'OPEN' AND c.tenant_id = :'tenant' AND c.blocked = false
    AND c.status = 'OPEN' AND c.assigned_user_id IS NULL
    ORDER BY q.last_message_at DESC, q.conversation_id DESC LIMIT 50;
\echo '### agent1: status=OPEN, assigned=unassigned, VIP branch (a small group: walked by the queue row copy of the status)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT c.* FROM conversation_queue q JOIN conversation c ON c.id = q.conversation_id
    WHERE q.tenant_id = :'tenant' AND q.ring_group_id = :'vip' AND q.status = 'OPEN' AND c.tenant_id = :'tenant' AND c.blocked = false
    AND c.status = 'OPEN' AND c.assigned_user_id IS NULL
    ORDER BY q.last_message_at DESC, q.conversation_id DESC LIMIT 50;
\echo '### detail: messages of one conversation, their attachments in one query'
SELECT id AS conv FROM conversation WHERE tenant_id = :'tenant' ORDER BY number LIMIT 1 \gset
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM mail_message WHERE tenant_id = :'tenant' AND conversation_id = :'conv' ORDER BY received_at;
ROLLBACK;
