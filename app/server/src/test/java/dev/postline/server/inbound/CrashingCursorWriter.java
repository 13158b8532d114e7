package dev.postline.server.inbound;

import dev.postline.core.ingest.SyncCursorWriter;
import dev.postline.core.sync.SyncStateRepository;
import dev.postline.core.tenant.TenantId;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulates the process dying inside the transaction that stores a message (after the fetch,
 * before the commit): at the configured cursor advance it throws an Error, which rolls the
 * transaction back and ends the sync thread, as a kill would.
 */
@Singleton
@Replaces(SyncCursorWriter.class)
@Requires(property = "test.crash-at-advance")
class CrashingCursorWriter extends SyncCursorWriter {

    static final AtomicInteger CRASHES = new AtomicInteger();

    private final int crashAt;
    private final AtomicInteger advances = new AtomicInteger();

    CrashingCursorWriter(SyncStateRepository states, Clock clock, @Value("${test.crash-at-advance}") int crashAt) {
        super(states, clock);
        this.crashAt = crashAt;
    }

    @Override
    public void advance(TenantId tenant, UUID touchpointId, String cursor, int fetched) {
        // From the configured advance on, every one crashes: the process stays dead, even when the
        // supervisor restarts the loop.
        if (fetched > 0 && advances.incrementAndGet() >= crashAt) {
            CRASHES.incrementAndGet();
            throw new SimulatedCrash();
        }
        super.advance(tenant, touchpointId, cursor, fetched);
    }

    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash before commit", null, false, false);
        }
    }
}
