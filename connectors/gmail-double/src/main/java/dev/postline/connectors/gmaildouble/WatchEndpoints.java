package dev.postline.connectors.gmaildouble;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code users.watch} and {@code users.stop} as the reference shapes them: watch takes
 * {@code {"topicName", "labelIds", "labelFilterBehavior"}} (or the deprecated {@code labelFilterAction}) and
 * answers {@code {"historyId": "<string>", "expiration": "<epoch millis as a string>"}}, seven days (to the millisecond) from
 * now on the double's clock; watching again replaces the watch. Stop answers 204 with no body.
 */
final class WatchEndpoints {

    static final Duration LIFETIME = Duration.ofDays(7);

    private WatchEndpoints() {
    }

    static void watch(HttpCall call, Mailbox mailbox, Map<String, Watch> watches, PubSub pubSub, Clock clock) throws IOException {
        JsonNode request = HttpCall.JSON.readTree(call.body());
        String topic = request == null ? null : request.path("topicName").asText(null);
        Optional<Fault> refused = pubSub.refusal(topic);
        if (refused.isPresent()) {
            call.error(refused.get());
            return;
        }
        List<String> labels = new ArrayList<>();
        request.path("labelIds").forEach(l -> labels.add(l.asText()));
        String behavior = request.path("labelFilterBehavior").asText(request.path("labelFilterAction").asText("include"));
        if (!behavior.equalsIgnoreCase("include") && !behavior.equalsIgnoreCase("exclude")) {
            call.error(Fault.badRequest("Invalid value at 'label_filter_behavior'"));
            return;
        }
        Watch previous = watches.get(mailbox.address());
        Watch watch = new Watch(topic, List.copyOf(labels), behavior, clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.MILLIS),
                previous == null ? 0 : previous.renewals() + 1);
        watches.put(mailbox.address(), watch);
        call.json(200, HttpCall.object().put("historyId", Long.toString(mailbox.historyId()))
                .put("expiration", Long.toString(watch.expiration().toEpochMilli())));
    }

    static void stop(HttpCall call, Mailbox mailbox, Map<String, Watch> watches) throws IOException {
        watches.remove(mailbox.address());
        call.empty(204, Map.of());
    }
}
