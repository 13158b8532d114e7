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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Finds whose Gmail watches a push is about — the cross-tenant read of ADR 0005, Gmail's variant of
 * {@link PushSubscriptionDirectory}. A push names only the mailbox address; this class turns it into the
 * (tenant, touchpoint) pairs watching that address and nothing more. Several tenants may have connected the
 * same mailbox, so there may be several.
 *
 * <p>The read is as narrow as it can be: rows by exact address, two columns, in its own read-only transaction
 * that binds only {@code postline.gmail_watch_address} (no tenant); on PostgreSQL the SELECT-only policy
 * {@code gmail_watch_lookup} (migration V16_1) admits exactly the rows with that address. H2 has no row-level
 * security: there it is a plain query.
 */
@Singleton
public class GmailWatchDirectory {

    static final int MAX_ADDRESS_LENGTH = 320;
    /** More touchpoints than this watching one mailbox is not a real installation; a bound keeps the read small. */
    static final int MAX_OWNERS = 100;

    private final TransactionOperations<Connection> transactions;
    private final DatabaseVendor vendor;

    public GmailWatchDirectory(TransactionOperations<Connection> transactions, DatabaseSettings settings) {
        this.transactions = transactions;
        this.vendor = settings.vendor();
    }

    public List<PushSubscriptionDirectory.Owner> ownersOf(String emailAddress) {
        if (emailAddress == null || emailAddress.isBlank() || emailAddress.length() > MAX_ADDRESS_LENGTH) {
            return List.of();
        }
        String address = emailAddress.trim().toLowerCase(Locale.ROOT);
        DefaultTransactionDefinition own = new DefaultTransactionDefinition(TransactionDefinition.Propagation.REQUIRES_NEW);
        own.setReadOnly(true);
        return transactions.execute(own, status -> lookup(status.getConnection(), address));
    }

    private List<PushSubscriptionDirectory.Owner> lookup(Connection connection, String address) {
        try {
            if (vendor == DatabaseVendor.POSTGRES) {
                try (PreparedStatement bind = connection.prepareStatement("SELECT set_config('postline.gmail_watch_address', ?, true)")) {
                    bind.setString(1, address);
                    bind.execute();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT tenant_id, touchpoint_id FROM gmail_watch WHERE email_address = ? ORDER BY created_at LIMIT " + MAX_OWNERS)) {
                select.setString(1, address);
                List<PushSubscriptionDirectory.Owner> owners = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        owners.add(new PushSubscriptionDirectory.Owner(TenantId.of(row.getObject(1, UUID.class)),
                                row.getObject(2, UUID.class)));
                    }
                }
                return owners;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up the Gmail watches of a mailbox", e);
        }
    }
}
