package dev.postline.core.outbound;

import dev.postline.core.tenant.TenantId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Claimed entries waiting to be sent, one queue per touchpoint, and the lanes working each queue.
 * The lanes of a touchpoint take from one shared queue, so they finish together (no lane straggles
 * with a share fixed in advance), and a touchpoint never has more than {@code perTouchpoint} lanes,
 * however many batches of it are in hand. Entries keep their order within a touchpoint.
 *
 * <p>The sender claims the next batch of a tenant while the lanes still send the previous one
 * ({@link #inHand} tells how much is left), so the lanes do not wait for a round to end.
 */
final class OutboxLanes<T> {

    /** One touchpoint's queue; a lane is started for a key and works only that touchpoint. */
    record Key(TenantId tenant, UUID touchpointId) {}

    private static final class Touchpoint<T> {
        final Queue<T> waiting = new ArrayDeque<>();
        int lanes;
    }

    private final int perTouchpoint;
    private final Function<T, UUID> touchpointOf;
    private final Map<Key, Touchpoint<T>> touchpoints = new HashMap<>();
    private final Map<TenantId, Integer> inHand = new HashMap<>();

    /** {@code touchpointOf}: the touchpoint an item (an entry, or an entry with what it needs) is sent from. */
    OutboxLanes(int perTouchpoint, Function<T, UUID> touchpointOf) {
        this.perTouchpoint = Math.max(1, perTouchpoint);
        this.touchpointOf = touchpointOf;
    }

    /** Queues claimed entries; returns one key per lane the caller must start now (none where enough run). */
    synchronized List<Key> add(TenantId tenant, List<T> claimed) {
        List<Key> start = new ArrayList<>();
        for (T entry : claimed) {
            Key key = new Key(tenant, touchpointOf.apply(entry));
            Touchpoint<T> t = touchpoints.computeIfAbsent(key, k -> new Touchpoint<>());
            t.waiting.add(entry);
            if (t.lanes < perTouchpoint && t.lanes < t.waiting.size()) {
                t.lanes++;
                start.add(key);
            }
        }
        inHand.merge(tenant, claimed.size(), Integer::sum);
        return start;
    }

    /**
     * The next entry for a lane of {@code key}, or null when its queue is empty: then the lane has
     * ended (counted off in the same step, so an entry added a moment later starts a new lane).
     */
    synchronized T next(Key key) {
        Touchpoint<T> t = touchpoints.get(key);
        T entry = t.waiting.poll();
        if (entry == null && --t.lanes == 0) {
            touchpoints.remove(key);
        }
        return entry;
    }

    /** An entry taken with {@link #next} is settled (sent, failed, given back or skipped). */
    synchronized void done(TenantId tenant) {
        inHand.computeIfPresent(tenant, (k, n) -> n > 1 ? n - 1 : null);
        notifyAll();
    }

    /**
     * A lane stopped unexpectedly: it ends, and when it was the touchpoint's last, the entries still
     * waiting are dropped from memory; they stay claimed and are retried when their lease runs out.
     *
     * @return how many entries were dropped
     */
    synchronized int abandon(Key key) {
        Touchpoint<T> t = touchpoints.get(key);
        if (--t.lanes > 0) {
            return 0;
        }
        touchpoints.remove(key);
        int dropped = t.waiting.size();
        inHand.computeIfPresent(key.tenant(), (k, n) -> n > dropped ? n - dropped : null);
        notifyAll();
        return dropped;
    }

    /** Claimed entries of the tenant not settled yet (waiting or being sent). */
    synchronized int inHand(TenantId tenant) {
        return inHand.getOrDefault(tenant, 0);
    }

    /** Waits until one of {@code tenants} has at most {@code level} entries in hand, or {@code millis} passed. */
    synchronized void awaitAtMost(Set<TenantId> tenants, int level, long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        for (long left = millis; left > 0; left = (until - System.nanoTime()) / 1_000_000) {
            for (TenantId tenant : tenants) {
                if (inHand(tenant) <= level) {
                    return;
                }
            }
            wait(left);
        }
    }
}
