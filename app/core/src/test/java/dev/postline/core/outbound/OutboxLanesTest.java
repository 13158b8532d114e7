package dev.postline.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postline.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxLanesTest {

    private static final TenantId TENANT = TenantId.of(UUID.randomUUID());
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final OutboxLanes.Key LANE_A = new OutboxLanes.Key(TENANT, A);

    @Test
    void lanesShouldBeStartedPerTouchpointUpToTheLimit() {
        OutboxLanes<OutboxEntry> lanes = new OutboxLanes<>(3, OutboxEntry::touchpointId);

        List<OutboxLanes.Key> started = lanes.add(TENANT, concat(entries(A, 10), entries(B, 1)));

        assertThat(started).filteredOn(k -> k.touchpointId().equals(A)).hasSize(3);
        assertThat(started).filteredOn(k -> k.touchpointId().equals(B)).hasSize(1);
        assertThat(lanes.inHand(TENANT)).isEqualTo(11);
    }

    @Test
    void aNextBatchShouldNotStartLanesBeyondTheLimitWhileTheFirstIsBeingSent() {
        OutboxLanes<OutboxEntry> lanes = new OutboxLanes<>(3, OutboxEntry::touchpointId);
        lanes.add(TENANT, entries(A, 10));

        assertThat(lanes.add(TENANT, entries(A, 10))).isEmpty();
        assertThat(lanes.inHand(TENANT)).isEqualTo(20);
    }

    @Test
    void lanesOfATouchpointShouldShareOneQueueInOrderSoNoneStraggles() {
        OutboxLanes<OutboxEntry> lanes = new OutboxLanes<>(2, OutboxEntry::touchpointId);
        List<OutboxEntry> claimed = entries(A, 5);
        lanes.add(TENANT, claimed);

        List<OutboxEntry> taken = new ArrayList<>();
        for (OutboxEntry e = lanes.next(LANE_A); e != null; e = lanes.next(LANE_A)) {
            taken.add(e); // one lane may take them all while the other is busy
            lanes.done(TENANT);
        }

        assertThat(taken).containsExactlyElementsOf(claimed);
        assertThat(lanes.inHand(TENANT)).isZero();
    }

    @Test
    void entriesAddedAfterEveryLaneEndedShouldStartANewLane() {
        OutboxLanes<OutboxEntry> lanes = new OutboxLanes<>(1, OutboxEntry::touchpointId);
        lanes.add(TENANT, entries(A, 1));
        lanes.next(LANE_A);
        lanes.done(TENANT);
        assertThat(lanes.next(LANE_A)).as("queue empty: the lane ends").isNull();

        assertThat(lanes.add(TENANT, entries(A, 1))).containsExactly(LANE_A);
    }

    @Test
    void whileALaneRunsNewEntriesShouldGoToItsQueueNotToANewLane() {
        OutboxLanes<OutboxEntry> lanes = new OutboxLanes<>(1, OutboxEntry::touchpointId);
        lanes.add(TENANT, entries(A, 1));
        lanes.next(LANE_A);

        assertThat(lanes.add(TENANT, entries(A, 1))).isEmpty();
        assertThat(lanes.next(LANE_A)).isNotNull();
    }

    @Test
    void theLastLaneStoppingUnexpectedlyShouldDropItsWaitingEntriesFromTheCountInHand() {
        OutboxLanes<OutboxEntry> lanes = new OutboxLanes<>(2, OutboxEntry::touchpointId);
        lanes.add(TENANT, entries(A, 6));
        lanes.next(LANE_A);
        lanes.done(TENANT);

        assertThat(lanes.abandon(LANE_A)).as("another lane still works the queue").isZero();
        assertThat(lanes.abandon(LANE_A)).isEqualTo(5);
        assertThat(lanes.inHand(TENANT)).isZero();
        assertThat(lanes.add(TENANT, entries(A, 1))).containsExactly(LANE_A);
    }

    @Test
    void awaitingShouldReturnOnceATenantIsBelowTheLevel() throws Exception {
        OutboxLanes<OutboxEntry> lanes = new OutboxLanes<>(1, OutboxEntry::touchpointId);
        lanes.add(TENANT, entries(A, 2));
        Thread settle = Thread.ofPlatform().start(() -> {
            lanes.next(LANE_A);
            lanes.done(TENANT);
        });

        lanes.awaitAtMost(Set.of(TENANT), 1, 60_000);

        assertThat(lanes.inHand(TENANT)).isLessThanOrEqualTo(1);
        settle.join();
    }

    private static List<OutboxEntry> entries(UUID touchpoint, int count) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant now = Instant.now();
            entries.add(new OutboxEntry(UUID.randomUUID(), TENANT.value(), UUID.randomUUID(), touchpoint, "a@b.example",
                    "c@d.example", OutboxEntry.Status.SENDING, 0, now, null, null, now, now));
        }
        return entries;
    }

    private static List<OutboxEntry> concat(List<OutboxEntry> a, List<OutboxEntry> b) {
        List<OutboxEntry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
