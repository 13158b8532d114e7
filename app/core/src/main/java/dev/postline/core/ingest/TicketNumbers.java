package dev.postline.core.ingest;

import dev.postline.core.tenant.TenantId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenant-wide conversation numbers (the {@code #1234} agents and customers quote). The row is
 * locked for the rest of the transaction, so two nodes never hand out the same number.
 */
@Singleton
public class TicketNumbers {

    @MappedEntity("tenant_counter")
    public record Counter(@Id UUID id, UUID tenantId, String name, long counterValue) {}

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface CounterRepository extends GenericRepository<Counter, UUID> {
        Counter save(Counter counter);

        @Query("SELECT * FROM tenant_counter WHERE tenant_id = :tenantId AND name = :name FOR UPDATE")
        Optional<Counter> lock(UUID tenantId, String name);

        @Query("UPDATE tenant_counter SET counter_value = :value WHERE id = :id")
        void set(UUID id, long value);
    }

    private static final String CONVERSATIONS = "conversation";
    private static final long FIRST = 1000;

    private final CounterRepository counters;

    public TicketNumbers(CounterRepository counters) {
        this.counters = counters;
    }

    /**
     * Creates the tenant's counter; called with the tenant's creation, in the same transaction, so
     * the first conversations of a tenant arriving together never race to create it.
     */
    public void startFor(TenantId tenant) {
        counters.save(new Counter(UUID.randomUUID(), tenant.value(), CONVERSATIONS, FIRST - 1));
    }

    /**
     * Numbers for one transaction that may need several (an ingested batch): the row is locked and read
     * at the first number, the rest are counted in memory, and the last one is written once by
     * {@link Allocation#finish()}, which must run before the transaction commits.
     */
    Allocation allocation(TenantId tenant) {
        return new Allocation(tenant);
    }

    /** See {@link #allocation}. Not thread-safe: it lives inside one transaction. */
    final class Allocation {
        private final TenantId tenant;
        private Counter counter; // as locked; null until the first number
        private long last;

        private Allocation(TenantId tenant) {
            this.tenant = tenant;
        }

        long next() {
            if (counter == null) {
                counter = counters.lock(tenant.value(), CONVERSATIONS)
                        .orElseGet(() -> counters.save(new Counter(UUID.randomUUID(), tenant.value(), CONVERSATIONS, FIRST - 1)));
                last = counter.counterValue();
            }
            return ++last;
        }

        /** Writes the last number handed out, if any. */
        void finish() {
            if (counter != null && last != counter.counterValue()) {
                counters.set(counter.id(), last);
                counter = new Counter(counter.id(), counter.tenantId(), counter.name(), last);
            }
        }
    }

    /** The next number; call inside the tenant's write transaction. */
    public long next(TenantId tenant) {
        return counters.lock(tenant.value(), CONVERSATIONS)
                .map(counter -> {
                    counters.set(counter.id(), counter.counterValue() + 1);
                    return counter.counterValue() + 1;
                })
                .orElseGet(() -> counters.save(new Counter(UUID.randomUUID(), tenant.value(), CONVERSATIONS, FIRST)).counterValue());
    }
}
