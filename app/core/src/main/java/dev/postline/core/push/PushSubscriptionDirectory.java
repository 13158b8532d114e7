package dev.postline.core.push;

import dev.postline.core.db.DatabaseSettings;
import dev.postline.core.db.DatabaseVendor;
import dev.postline.core.tenant.TenantId;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds whose subscription a change notification is about — the one deliberately cross-tenant read of
 * tenant data. A notification arrives on a public endpoint and names only the provider's subscription
 * id; this class turns that id into (tenant, touchpoint) and nothing more, and every further step runs
 * inside that tenant's transaction ({@code TenantTransactions}), where the client state is checked.
 *
 * <p>The read is as narrow as it can be: one row, by exact id, two columns, in its own read-only
 * transaction. On PostgreSQL the transaction binds only {@code postline.push_subscription_id} (no
 * tenant), and the SELECT-only policy {@code push_subscription_lookup} (migration V15_1) admits exactly
 * the row with that id; every other table, and every other row, stays invisible to it. H2 has no
 * row-level security: there it is a plain query.
 */
@Singleton
public class PushSubscriptionDirectory {

    /** Where a subscription belongs. */
    public record Owner(TenantId tenant, UUID touchpointId) {}

    static final int MAX_ID_LENGTH = 200;

    private final TransactionOperations<Connection> transactions;
    private final DatabaseVendor vendor;

    public PushSubscriptionDirectory(TransactionOperations<Connection> transactions, DatabaseSettings settings) {
        this.transactions = transactions;
        this.vendor = settings.vendor();
    }

    public Optional<Owner> ownerOf(String subscriptionId) {
        if (subscriptionId == null || subscriptionId.isBlank() || subscriptionId.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        DefaultTransactionDefinition own = new DefaultTransactionDefinition(TransactionDefinition.Propagation.REQUIRES_NEW);
        own.setReadOnly(true);
        return transactions.execute(own, status -> lookup(status.getConnection(), subscriptionId));
    }

    private Optional<Owner> lookup(Connection connection, String subscriptionId) {
        try {
            if (vendor == DatabaseVendor.POSTGRES) {
                try (PreparedStatement bind = connection.prepareStatement("SELECT set_config('postline.push_subscription_id', ?, true)")) {
                    bind.setString(1, subscriptionId);
                    bind.execute();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT tenant_id, touchpoint_id FROM push_subscription WHERE subscription_id = ?")) {
                select.setString(1, subscriptionId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Owner(TenantId.of(row.getObject(1, UUID.class)), row.getObject(2, UUID.class)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up the push subscription", e);
        }
    }
}
