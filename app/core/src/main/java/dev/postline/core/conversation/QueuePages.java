package dev.postline.core.conversation;

import dev.postline.core.db.DatabaseSettings;
import dev.postline.core.db.DatabaseVendor;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one page of a queue listing ({@link QueuePageSql}) on the connection of the caller's tenant
 * transaction: one statement, at most {@code limit} rows read, whatever the size of the tenant.
 *
 * <p>On PostgreSQL the transaction asks for plans made with this call's values
 * ({@code plan_cache_mode = force_custom_plan}, local to the transaction): whether a ring group's
 * branch should walk the activity index or read the group's few rows depends on how big that group
 * is, which a generic plan of a prepared statement cannot know.
 */
@Singleton
class QueuePages {

    private final JdbcOperations jdbc;
    private final DatabaseVendor vendor;

    QueuePages(JdbcOperations jdbc, DatabaseSettings settings) {
        this.jdbc = jdbc;
        this.vendor = settings.vendor();
    }

    /** Call inside the viewer's tenant transaction. */
    List<Conversation> page(Viewer viewer, ConversationQuery query) {
        return QueuePageSql.page(viewer, query).map(this::run).orElse(List.of());
    }

    private List<Conversation> run(QueuePageSql.Statement statement) {
        return jdbc.execute(connection -> {
            if (vendor == DatabaseVendor.POSTGRES) {
                try (PreparedStatement custom = connection.prepareStatement("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")) {
                    custom.execute();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(statement.sql())) {
                int i = 1;
                for (Object parameter : statement.parameters()) {
                    select.setObject(i++, parameter instanceof Instant at ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : parameter);
                }
                List<Conversation> rows = new ArrayList<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(jdbc.readEntity(result, Conversation.class));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the queue page", e);
            }
        });
    }
}
