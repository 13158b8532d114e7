package dev.postline.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxLanesTest {

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    @Test
    void lanesShouldHoldOneTouchpointEachAndAtMostTheLimitPerTouchpoint() {
        List<OutboxEntry> claimed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            claimed.add(entry(A));
        }
        claimed.add(entry(B));

        List<List<OutboxEntry>> lanes = OutboxLanes.split(claimed, 3);

        assertThat(lanes).hasSize(4);
        assertThat(lanes).allSatisfy(lane -> assertThat(lane.stream().map(OutboxEntry::touchpointId).distinct()).hasSize(1));
        assertThat(lanes.stream().filter(l -> l.getFirst().touchpointId().equals(A))).hasSize(3);
        assertThat(lanes.stream().mapToInt(List::size).sum()).as("every entry in exactly one lane").isEqualTo(11);
        assertThat(lanes.getFirst()).containsExactly(claimed.get(0), claimed.get(3), claimed.get(6), claimed.get(9));
    }

    @Test
    void fewEntriesShouldNotOpenEmptyLanes() {
        assertThat(OutboxLanes.split(List.of(entry(A)), 4)).hasSize(1);
        assertThat(OutboxLanes.split(List.of(), 4)).isEmpty();
    }

    private static OutboxEntry entry(UUID touchpoint) {
        Instant now = Instant.now();
        return new OutboxEntry(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), touchpoint, "a@b.example", "c@d.example",
                OutboxEntry.Status.SENDING, 0, now, null, null, now, now);
    }
}
