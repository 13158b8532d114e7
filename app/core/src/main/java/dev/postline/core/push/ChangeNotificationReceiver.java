package dev.postline.core.push;

import dev.postline.core.db.TenantTransactions;
import dev.postline.core.sync.SyncSupervisor;
import dev.postline.core.tenant.TenantId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a change or lifecycle notification after the endpoint answered: for each item, find
 * the subscription's owner (the one narrow cross-tenant read, {@link PushSubscriptionDirectory}), then,
 * inside that tenant, check the client state against the stored hash in constant time. Only a match
 * acts: a change wakes the touchpoint's sync loop (which fetches through its delta cursor as always —
 * the notification's content is never trusted for what to fetch); {@code missed} does the same;
 * {@code reauthorizationRequired} and {@code subscriptionRemoved} go to the {@link PushSubscriptionKeeper}.
 *
 * <p>So a caller who is not Microsoft can at most cause one extra fetch of a touchpoint whose
 * subscription id <em>and</em> client state it knows. Processing is bounded: at most
 * {@code max-concurrent-batches} requests are worked on at once; beyond that, hints are dropped (the
 * reconciliation poll still finds the mail).
 *
 * <p>Without sync on this node ({@code postline.sync.enabled=false}) there is no loop to wake and no
 * keeper: verified notifications are then only acknowledged.
 */
@Singleton
@Requires(property = "postline.push.graph.notification-base-url")
public class ChangeNotificationReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotificationReceiver.class);

    /** The fields of one notification Postline reads; everything else Graph sends is ignored. */
    public record Item(@Nullable String subscriptionId, @Nullable String clientState, @Nullable String changeType,
                       @Nullable String lifecycleEvent) {
        @Override
        public String toString() {
            return "Item[" + subscriptionId + ", clientState=<redacted>, " + changeType + ", " + lifecycleEvent + "]";
        }
    }

    private final PushSubscriptionDirectory directory;
    private final PushSubscriptionRepository subscriptions;
    private final TenantTransactions tx;
    @Nullable private final SyncSupervisor supervisor;
    @Nullable private final PushSubscriptionKeeper keeper;
    private final Semaphore batches;
    private final AtomicLong dropped = new AtomicLong();
    /** Per known subscription (so bounded): how often its client state did not match. */
    private final Map<String, AtomicLong> mismatches = new ConcurrentHashMap<>();

    public ChangeNotificationReceiver(PushSubscriptionDirectory directory, PushSubscriptionRepository subscriptions,
                                      TenantTransactions tx, @Nullable SyncSupervisor supervisor,
                                      @Nullable PushSubscriptionKeeper keeper, GraphPushSettings settings) {
        this.directory = directory;
        this.subscriptions = subscriptions;
        this.tx = tx;
        this.supervisor = supervisor;
        this.keeper = keeper;
        this.batches = new Semaphore(Math.max(1, settings.getMaxConcurrentBatches()));
    }

    /**
     * Takes one request's items for processing on a worker, so the endpoint can answer within Graph's
     * three seconds. Returns false when too many requests are in work already and these were dropped.
     */
    public boolean accept(List<Item> items) {
        if (items.isEmpty()) {
            return true;
        }
        if (!batches.tryAcquire()) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1st, 2nd, 4th, 8th…: a flood does not flood the log too
                LOG.warn("Change notifications dropped ({} requests so far): too many in work; the poll will find the mail", n);
            }
            return false;
        }
        Thread.ofVirtual().name("change-notifications").start(() -> {
            try {
                items.forEach(this::handleSafely);
            } finally {
                batches.release();
            }
        });
        return true;
    }

    private void handleSafely(Item item) {
        try {
            handle(item);
        } catch (RuntimeException e) {
            LOG.error("Handling a change notification for subscription {} failed", item.subscriptionId(), e);
        }
    }

    void handle(Item item) {
        Optional<PushSubscriptionDirectory.Owner> owner = directory.ownerOf(item.subscriptionId());
        if (owner.isEmpty()) {
            LOG.debug("Change notification for an unknown subscription ignored");
            return;
        }
        TenantId tenant = owner.get().tenant();
        String subscriptionId = item.subscriptionId();
        Optional<PushSubscriptionRecord> row = tx.read(tenant,
                () -> subscriptions.findByTenantIdAndSubscriptionId(tenant.value(), subscriptionId));
        if (row.isEmpty()) {
            return; // replaced or deleted since the lookup
        }
        UUID touchpointId = row.get().touchpointId();
        if (!ClientStates.matches(item.clientState(), row.get().clientStateHash())) {
            long n = mismatches.computeIfAbsent(subscriptionId, id -> new AtomicLong()).incrementAndGet();
            if (Long.bitCount(n) == 1) {
                LOG.warn("Change notification for subscription {} of touchpoint {} (tenant {}) ignored: the clientState does not "
                        + "match ({} so far)", subscriptionId, touchpointId, tenant, n);
            }
            return;
        }
        if (item.lifecycleEvent() != null) {
            lifecycle(tenant, touchpointId, subscriptionId, item.lifecycleEvent());
        } else if (item.changeType() != null) {
            hint(tenant, touchpointId);
        }
    }

    private void hint(TenantId tenant, UUID touchpointId) {
        if (supervisor != null) {
            supervisor.hint(tenant, touchpointId);
        }
    }

    private void lifecycle(TenantId tenant, UUID touchpointId, String subscriptionId, String event) {
        LOG.info("Lifecycle event {} for change subscription {} of touchpoint {}", event, subscriptionId, touchpointId);
        switch (event) {
            case "reauthorizationRequired" -> {
                if (keeper != null) {
                    keeper.reauthorize(tenant, touchpointId, subscriptionId);
                }
            }
            case "subscriptionRemoved" -> {
                if (keeper != null) {
                    keeper.replaceRemoved(tenant, touchpointId, subscriptionId);
                }
            }
            case "missed" -> hint(tenant, touchpointId);
            default -> LOG.debug("Unknown lifecycle event ignored");
        }
    }
}
