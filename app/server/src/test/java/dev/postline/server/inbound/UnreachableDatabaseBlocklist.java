package dev.postline.server.inbound;

import dev.postline.core.ingest.BlocklistRepository;
import dev.postline.core.ingest.SenderBlocklist;
import dev.postline.core.tenant.TenantId;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import jakarta.inject.Singleton;
import java.sql.SQLTransientConnectionException;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Postline's own database out of reach while mail from one sender is being stored: while {@link #ACTIVE},
 * reading the blocklist in an ingest transaction that holds mail from the configured sender fails exactly
 * as a saturated connection pool makes it fail (Micronaut's {@link CannotGetJdbcConnectionException} over
 * Hikari's {@link SQLTransientConnectionException}).
 */
@Singleton
@Replaces(SenderBlocklist.class)
@Requires(property = "test.database-unavailable-for-sender")
class UnreachableDatabaseBlocklist extends SenderBlocklist {

    static final AtomicBoolean ACTIVE = new AtomicBoolean(true);
    static final AtomicInteger FAILURES = new AtomicInteger();

    private final String sender;

    UnreachableDatabaseBlocklist(BlocklistRepository entries, @Value("${test.database-unavailable-for-sender}") String sender) {
        super(entries);
        this.sender = sender;
    }

    @Override
    public Set<String> blockedAmong(TenantId tenant, UUID touchpointId, Collection<String> senderAddresses) {
        if (ACTIVE.get() && senderAddresses.stream().anyMatch(sender::equalsIgnoreCase)) {
            FAILURES.incrementAndGet();
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 10000ms (total=10, active=10, idle=0, waiting=71)"));
        }
        return super.blockedAmong(tenant, touchpointId, senderAddresses);
    }
}
