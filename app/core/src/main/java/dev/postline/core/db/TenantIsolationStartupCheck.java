package dev.postline.core.db;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import io.micronaut.transaction.TransactionOperations;

/**
 * Refuses to start on PostgreSQL when the service role could step around row-level security:
 * a superuser, a role with BYPASSRLS, or the owner of the tables. Better no service than one
 * whose second wall is down without anyone knowing.
 */
@Context
@Requires(property = "postline.db.url", pattern = "jdbc:postgresql:.*")
public class TenantIsolationStartupCheck {

    private final TransactionOperations<Connection> transactions;

    public TenantIsolationStartupCheck(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @PostConstruct
    void check() {
        transactions.executeRead(status -> {
            inspect(status.getConnection());
            return null;
        });
    }

    private static void inspect(Connection c) {
        try (ResultSet role = c.createStatement().executeQuery(
                     "SELECT r.rolsuper, r.rolbypassrls, "
                             + "(SELECT count(*) FROM pg_tables t WHERE t.schemaname = current_schema() "
                             + "AND t.tableowner = current_user) AS owned "
                             + "FROM pg_roles r WHERE r.rolname = current_user")) {
            if (!role.next()) {
                throw new IllegalStateException("cannot read the database role of the service");
            }
            if (role.getBoolean(1) || role.getBoolean(2) || role.getLong(3) > 0) {
                throw new IllegalStateException(
                        "The database user '" + c.getMetaData().getUserName() + "' is a superuser, may bypass "
                                + "row-level security, or owns the tables. Run the service as a separate role: "
                                + "set POSTLINE_DB_USER to a plain role and POSTLINE_DB_OWNER_USER to the table owner "
                                + "(see README, 'Running on PostgreSQL').");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the database role of the service", e);
        }
    }
}
