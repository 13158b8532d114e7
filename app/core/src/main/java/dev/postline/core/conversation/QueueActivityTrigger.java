package dev.postline.core.conversation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.h2.tools.TriggerAdapter;

/**
 * H2's half of migration V25 (PostgreSQL does the same in PL/pgSQL): keeps
 * {@code conversation_queue.last_message_at} and {@code status} equal to its conversation's, the keys an
 * agent's ring-group page is walked by ({@link QueuePageSql}). Before a queue row is inserted it takes
 * its conversation's values; after a conversation's time or status changes, its queue rows follow. In the
 * database, so that every writer (ingestion, transfers, imports) keeps it without knowing about it.
 */
public class QueueActivityTrigger extends TriggerAdapter {

    @Override
    public void fire(Connection connection, ResultSet oldRow, ResultSet newRow) throws SQLException {
        if ("CONVERSATION_QUEUE".equalsIgnoreCase(tableName)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT last_message_at, status FROM conversation WHERE id = ?")) {
                select.setObject(1, newRow.getObject("conversation_id"));
                try (ResultSet conversation = select.executeQuery()) {
                    if (conversation.next()) {
                        newRow.updateObject("last_message_at", conversation.getObject(1));
                        newRow.updateObject("status", conversation.getObject(2));
                    }
                }
            }
            return;
        }
        Object after = newRow.getObject("last_message_at");
        Object status = newRow.getObject("status");
        if (!Objects.equals(oldRow.getObject("last_message_at"), after) || !Objects.equals(oldRow.getObject("status"), status)) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE conversation_queue SET last_message_at = ?, status = ? WHERE conversation_id = ?")) {
                update.setObject(1, after);
                update.setObject(2, status);
                update.setObject(3, newRow.getObject("id"));
                update.executeUpdate();
            }
        }
    }
}
