package dev.postline.core.db;

import dev.postline.core.tenant.TenantId;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The tenant boundary of the database. Tenant-owned data is only ever touched inside
 * {@link #write} or {@link #read}: they open (or join) a transaction and, on PostgreSQL, bind the
 * tenant with {@code set_config('postline.tenant_id', …, true)} so the forced row-level-security
 * policies admit that tenant's rows and no other's. Repositories still filter by tenant
 * explicitly; the policy is the second wall.
 */
@Singleton
public class TenantTransactions {

    private static final ThreadLocal<TenantId> BOUND = new ThreadLocal<>();

    private final TransactionOperations<Connection> transactions;
    private final DatabaseVendor vendor;

    public TenantTransactions(TransactionOperations<Connection> transactions, DatabaseSettings settings) {
        this.transactions = transactions;
        this.vendor = settings.vendor();
    }

    public <T> T write(TenantId tenant, Supplier<T> work) {
        return transactions.execute(TransactionDefinition.DEFAULT, status -> bound(tenant, status.getConnection(), work));
    }

    public void write(TenantId tenant, Runnable work) {
        write(tenant, () -> {
            work.run();
            return null;
        });
    }

    public <T> T read(TenantId tenant, Supplier<T> work) {
        return transactions.execute(TransactionDefinition.READ_ONLY, status -> bound(tenant, status.getConnection(), work));
    }

    /** Work on platform tables only (tenants), which carry no tenant id. */
    public <T> T platform(Supplier<T> work) {
        return transactions.execute(TransactionDefinition.DEFAULT, status -> work.get());
    }

    private <T> T bound(TenantId tenant, Connection connection, Supplier<T> work) {
        TenantId outer = BOUND.get();
        if (outer != null && !outer.equals(tenant)) {
            // Joining a transaction bound to another tenant would silently switch its scope.
            throw new IllegalStateException("a transaction of one tenant cannot act for another");
        }
        if (outer == null) {
            bindOnConnection(tenant, connection);
            BOUND.set(tenant);
        }
        try {
            return work.get();
        } finally {
            if (outer == null) {
                BOUND.remove();
            }
        }
    }

    private void bindOnConnection(TenantId tenant, Connection connection) {
        if (vendor != DatabaseVendor.POSTGRES) {
            return;
        }
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT set_config('postline.tenant_id', ?, true)")) {
            statement.setString(1, tenant.toString());
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not bind the tenant to the transaction", e);
        }
    }
}
