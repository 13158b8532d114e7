package dev.postline.core.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of one page of a queue listing, with only the predicates the query uses, so that each
 * filter can be answered from its own index walked in (last_message_at, id) order and stopped at
 * LIMIT (migration V25: one index per filter column, each ending in blocked, last_message_at, id).
 * A statement full of {@code (:param IS NULL OR …)} cannot be planned that way.
 *
 * <p>The visibility rule of agents ("queued to one of my ring groups, or assigned to me") is an OR
 * over two tables; it becomes two branches, each a top-N by itself: conversations assigned to the
 * agent (assignee index) and conversations with a {@code conversation_queue} row of one of the
 * agent's groups (EXISTS; the planner either walks the activity index and probes the queue, or, for
 * a small group, reads the group's rows and sorts them). The page is the top-N of their UNION, which
 * also removes a conversation found by both. Every branch filters by tenant.
 *
 * <p>The LIMIT is written into the statement (an int from {@link ConversationQuery}, 1 to
 * {@value ConversationQuery#MAX_LIMIT}), not bound: H2 2.3 reuses the result of a UNION branch run
 * with another bound LIMIT (seen as pages of 1 row after a listing with {@code limit=1}).
 */
final class QueuePageSql {

    /** A statement and its parameters in order. */
    record Statement(String sql, List<Object> parameters) {}

    private static final String ORDER = " ORDER BY c.last_message_at DESC, c.id DESC LIMIT ";

    private QueuePageSql() {}

    /** Empty when the viewer can see nothing at all (an agent API key, an agent without groups asking for unassigned). */
    static Optional<Statement> page(Viewer viewer, ConversationQuery q) {
        UUID tenant = viewer.tenant().value();
        if (viewer.seesAll()) {
            List<Object> params = new ArrayList<>();
            String where = filters(tenant, viewer, q, params);
            return Optional.of(new Statement("SELECT c.* FROM conversation c WHERE " + where + ORDER + q.limit(), params));
        }
        List<String> branches = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        UUID user = viewer.userId();
        if (user != null && !q.assignment().equals("unassigned")) {
            String where = filters(tenant, viewer, q, params);
            if (!q.assignment().equals("me")) {
                where += " AND c.assigned_user_id = ?";
                params.add(user);
            }
            branches.add("SELECT c.* FROM conversation c WHERE " + where + ORDER + q.limit());
        }
        if (!viewer.groupIds().isEmpty() && !q.assignment().equals("me")) {
            String where = filters(tenant, viewer, q, params);
            StringBuilder groups = new StringBuilder();
            params.add(tenant);
            for (UUID group : viewer.groupIds()) {
                groups.append(groups.isEmpty() ? "?" : ", ?");
                params.add(group);
            }
            branches.add("SELECT c.* FROM conversation c WHERE " + where
                    + " AND EXISTS (SELECT 1 FROM conversation_queue q WHERE q.tenant_id = ? AND q.conversation_id = c.id"
                    + " AND q.ring_group_id IN (" + groups + "))" + ORDER + q.limit());
        }
        if (branches.isEmpty()) {
            return Optional.empty();
        }
        if (branches.size() == 1) {
            return Optional.of(new Statement(branches.getFirst(), params));
        }
        return Optional.of(new Statement("SELECT v.* FROM ((" + branches.get(0) + ") UNION (" + branches.get(1) + ")) v"
                + " ORDER BY v.last_message_at DESC, v.id DESC LIMIT " + q.limit(), params));
    }

    /** The predicates every branch shares: tenant, blocked, the query's filters and the keyset position. */
    private static String filters(UUID tenant, Viewer viewer, ConversationQuery q, List<Object> params) {
        StringBuilder where = new StringBuilder("c.tenant_id = ? AND c.blocked = ?");
        params.add(tenant);
        params.add(q.blocked());
        if (q.status() != null) {
            where.append(" AND c.status = ?");
            params.add(q.status().name());
        }
        if (q.touchpointId() != null) {
            where.append(" AND c.touchpoint_id = ?");
            params.add(q.touchpointId());
        }
        if (q.unread() != null) {
            where.append(" AND c.unread = ?");
            params.add(q.unread());
        }
        if (q.reportServiceKey() != null) {
            where.append(" AND c.report_service_key = ?");
            params.add(q.reportServiceKey());
        }
        switch (q.assignment()) {
            case "unassigned" -> where.append(" AND c.assigned_user_id IS NULL");
            case "me" -> {
                if (viewer.userId() == null) {
                    where.append(" AND 1 = 0"); // an API key is nobody: nothing is assigned to it
                } else {
                    where.append(" AND c.assigned_user_id = ?");
                    params.add(viewer.userId());
                }
            }
            default -> { }
        }
        q.after().ifPresent(position -> {
            where.append(" AND (c.last_message_at, c.id) < (?, ?)");
            params.add(position.lastMessageAt());
            params.add(position.id());
        });
        return where.toString();
    }
}
