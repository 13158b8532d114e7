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
 * over two tables; it becomes branches, each a top-N by itself: conversations assigned to the agent
 * (assignee index) and, per ring group of the agent, the group's {@code conversation_queue} rows
 * walked by their copy of the conversation's {@code last_message_at} (and {@code status}, when the
 * query filters on it; both kept by the database, V25),
 * joined to their conversation for the other filters. The page is the top-N of their UNION, which
 * also removes a conversation found by two branches. Every branch filters by tenant; the work is
 * about LIMIT rows per branch whatever the size of a group.
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
        if (!q.assignment().equals("me")) {
            // One branch per ring group, each a walk of (tenant_id, ring_group_id[, status], last_message_at, conversation_id).
            for (UUID group : viewer.groupIds().stream().sorted().toList()) {
                params.add(tenant);
                params.add(group);
                String status = "";
                if (q.status() != null) {
                    status = " AND q.status = ?";
                    params.add(q.status().name());
                }
                String keyset = "";
                if (q.after().isPresent()) {
                    keyset = " AND (q.last_message_at, q.conversation_id) < (?, ?)";
                    params.add(q.after().get().lastMessageAt());
                    params.add(q.after().get().id());
                }
                String where = filters(tenant, viewer, q, params);
                branches.add("SELECT c.* FROM conversation_queue q JOIN conversation c ON c.id = q.conversation_id"
                        + " WHERE q.tenant_id = ? AND q.ring_group_id = ?" + status + keyset + " AND " + where
                        + " ORDER BY q.last_message_at DESC, q.conversation_id DESC LIMIT " + q.limit());
            }
        }
        if (branches.isEmpty()) {
            return Optional.empty();
        }
        if (branches.size() == 1) {
            return Optional.of(new Statement(branches.getFirst(), params));
        }
        StringBuilder union = new StringBuilder();
        for (String branch : branches) {
            union.append(union.isEmpty() ? "(" : " UNION (").append(branch).append(")");
        }
        return Optional.of(new Statement("SELECT v.* FROM (" + union + ") v"
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
