package dev.postline.core.push;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.sync.SyncSupervisor;
import dev.postline.core.tenant.TenantId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an authenticated Gmail push after the endpoint answered: find the touchpoints watching the
 * mailbox (the cross-tenant read of ADR 0005, {@link GmailWatchDirectory}), confirm each inside its tenant, and
 * wake its sync loop, which fetches through its history cursor as always — the push's history id is never
 * trusted for what to fetch. Several tenants may have connected the mailbox: each is woken, none learns of the
 * others.
 *
 * <p>Processing is bounded: at most {@code max-concurrent-pushes} pushes are worked on at once; beyond that
 * hints are dropped (the reconciliation poll still finds the mail). Without sync on this node there is no loop
 * to wake: authenticated pushes are then only acknowledged.
 */
@Singleton
@Requires(property = "postline.push.gmail.topic")
public class GmailPushReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(GmailPushReceiver.class);

    private final GmailWatchDirectory directory;
    private final GmailWatchRepository watches;
    private final TenantTransactions tx;
    @Nullable private final SyncSupervisor supervisor;
    private final Semaphore pushes;
    private final AtomicLong dropped = new AtomicLong();

    public GmailPushReceiver(GmailWatchDirectory directory, GmailWatchRepository watches, TenantTransactions tx,
                             @Nullable SyncSupervisor supervisor, GmailPushSettings settings) {
        this.directory = directory;
        this.watches = watches;
        this.tx = tx;
        this.supervisor = supervisor;
        this.pushes = new Semaphore(Math.max(1, settings.getMaxConcurrentPushes()));
    }

    /** Takes one push for processing on a worker; false when too many are in work and this one was dropped. */
    public boolean accept(String emailAddress) {
        if (!pushes.tryAcquire()) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1st, 2nd, 4th…: a flood does not flood the log too
                LOG.warn("Gmail pushes dropped ({} so far): too many in work; the poll will find the mail", n);
            }
            return false;
        }
        Thread.ofVirtual().name("gmail-push").start(() -> {
            try {
                handle(emailAddress.toLowerCase(Locale.ROOT));
            } catch (RuntimeException e) {
                LOG.error("Handling a Gmail push failed", e);
            } finally {
                pushes.release();
            }
        });
        return true;
    }

    void handle(String address) {
        List<PushSubscriptionDirectory.Owner> owners = directory.ownersOf(address);
        if (owners.isEmpty()) {
            LOG.debug("Gmail push for a mailbox nobody watches ignored");
            return;
        }
        for (PushSubscriptionDirectory.Owner owner : owners) {
            TenantId tenant = owner.tenant();
            boolean watched = tx.read(tenant, () -> watches.findByTenantIdAndTouchpointId(tenant.value(), owner.touchpointId()))
                    .filter(w -> w.emailAddress().equals(address)).isPresent();
            if (watched && supervisor != null) {
                supervisor.hint(tenant, owner.touchpointId());
            }
        }
    }
}
