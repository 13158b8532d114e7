package dev.postline.server.inbound;

import dev.postline.core.ingest.BlocklistRepository;
import dev.postline.core.ingest.SenderBlocklist;
import dev.postline.core.tenant.TenantId;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fault inside the ingest transaction, tied to one message: while {@link #ACTIVE}, storing mail from
 * the configured sender throws (the blocklist is read in the transaction, for the whole batch or for one
 * message), which rolls back whatever transaction it is in (as a broken constraint or a bug met by one
 * message would).
 */
@Singleton
@Replaces(SenderBlocklist.class)
@Requires(property = "test.poison-sender")
class PoisonedBlocklist extends SenderBlocklist {

    static final AtomicBoolean ACTIVE = new AtomicBoolean(true);

    private final String poisoned;

    PoisonedBlocklist(BlocklistRepository entries, @Value("${test.poison-sender}") String poisoned) {
        super(entries);
        this.poisoned = poisoned;
    }

    @Override
    public Set<String> blockedAmong(TenantId tenant, UUID touchpointId, Collection<String> senderAddresses) {
        senderAddresses.forEach(this::failForThePoisonedSender);
        return super.blockedAmong(tenant, touchpointId, senderAddresses);
    }

    private void failForThePoisonedSender(String senderAddress) {
        if (ACTIVE.get() && senderAddress.equalsIgnoreCase(poisoned)) {
            throw new IllegalStateException("simulated fault storing mail from " + senderAddress);
        }
    }

    @Override
    public boolean blocks(TenantId tenant, UUID touchpointId, String senderAddress) {
        if (ACTIVE.get() && senderAddress.equalsIgnoreCase(poisoned)) {
            throw new IllegalStateException("simulated fault storing mail from " + senderAddress);
        }
        return super.blocks(tenant, touchpointId, senderAddress);
    }
}
