package dev.postline.core.outbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Splits claimed entries into lanes: each lane holds entries of one touchpoint only (it is sent over
 * one session), a touchpoint gets at most {@code perTouchpoint} lanes, and entries keep their order
 * within a lane.
 */
final class OutboxLanes {

    private OutboxLanes() {}

    static List<List<OutboxEntry>> split(List<OutboxEntry> claimed, int perTouchpoint) {
        Map<UUID, List<OutboxEntry>> byTouchpoint = new LinkedHashMap<>();
        claimed.forEach(e -> byTouchpoint.computeIfAbsent(e.touchpointId(), k -> new ArrayList<>()).add(e));
        List<List<OutboxEntry>> lanes = new ArrayList<>();
        for (List<OutboxEntry> entries : byTouchpoint.values()) {
            int count = Math.max(1, Math.min(perTouchpoint, entries.size()));
            List<List<OutboxEntry>> own = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                own.add(new ArrayList<>());
            }
            for (int i = 0; i < entries.size(); i++) {
                own.get(i % count).add(entries.get(i));
            }
            lanes.addAll(own);
        }
        return lanes;
    }
}
